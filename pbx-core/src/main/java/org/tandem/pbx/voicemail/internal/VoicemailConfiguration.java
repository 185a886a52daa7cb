package org.tandem.pbx.voicemail.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.voicemail.VoicemailProperties;

/** Voicemail settings ({@code tandem.voicemail.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoicemailProperties.class)
class VoicemailConfiguration {
}
