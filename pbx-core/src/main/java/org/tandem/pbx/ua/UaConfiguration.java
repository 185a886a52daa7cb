package org.tandem.pbx.ua;

import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tandem.media.MediaConfiguration;
import org.tandem.media.MediaEngine;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/** The user agents of this process that answer with media; the media engine comes from the media module. */
@Configuration(proxyBeanMethods = false)
@Import(MediaConfiguration.class)
public class UaConfiguration {

    @Bean
    MediaCalls mediaCalls(
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            MediaEngine mediaEngine,
            SerialExecutors sipCallStripes,
            @Qualifier("sipProxyTimer") ScheduledExecutorService sipProxyTimer,
            LoopbackSignatures loopbackSignatures,
            AdvertisedHosts advertisedHosts,
            ObjectProvider<MediaAnchor> anchor) {
        return new MediaCalls(
                transports,
                responder,
                events,
                mediaEngine,
                sipCallStripes,
                sipProxyTimer,
                loopbackSignatures,
                advertisedHosts,
                anchor::getIfAvailable);
    }

    @Bean
    MediaMetrics mediaMetrics(MediaEngine mediaEngine, MediaCalls mediaCalls) {
        return new MediaMetrics(mediaEngine, mediaCalls.callEvents());
    }
}
