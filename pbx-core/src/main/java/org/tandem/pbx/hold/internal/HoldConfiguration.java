package org.tandem.pbx.hold.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.MediaEngine;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.hold.MusicOnHold;
import org.tandem.pbx.prompt.Prompts;

/**
 * {@code tandem.hold.music} (default true): play music to held phones. Switch it off when every phone plays its
 * own music on hold (then both would reach the held phone).
 */
@Configuration(proxyBeanMethods = false)
public class HoldConfiguration {

    @Bean
    MusicOnHold musicOnHold(@Value("${tandem.hold.music:true}") boolean on, MediaEngine mediaEngine, Prompts prompts,
                            SerialExecutors sipCallStripes) {
        return on ? new HoldMusic(mediaEngine, prompts, sipCallStripes) : MusicOnHold.OFF;
    }
}
