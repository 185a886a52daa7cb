package org.tandem.pbx.hold.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.MediaEngine;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.hold.HoldProperties;
import org.tandem.pbx.hold.MusicOnHold;
import org.tandem.pbx.prompt.Prompts;

/** {@code tandem.hold.music} ({@link HoldProperties}): play music to held phones, or not. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HoldProperties.class)
public class HoldConfiguration {

    @Bean
    MusicOnHold musicOnHold(
            HoldProperties hold, MediaEngine mediaEngine, Prompts prompts, SerialExecutors sipCallStripes) {
        return hold.music() ? new HoldMusic(mediaEngine, prompts, sipCallStripes) : MusicOnHold.OFF;
    }
}
