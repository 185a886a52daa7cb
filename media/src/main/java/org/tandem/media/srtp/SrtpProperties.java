package org.tandem.media.srtp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * {@code tandem.media.srtp}. SDES keys are taken and given only over SIP-TLS (RFC 4568 §8.3): an RTP/SAVP offer over
 * UDP or TCP is refused with 488.
 *
 * @param srtp SRTP with SDES keys: optional, required (plain RTP from TLS phones refused with 488) or off; see
 *             {@link SrtpMode}
 */
@ConfigurationProperties("tandem.media")
public record SrtpProperties(@DefaultValue("optional") SrtpMode srtp) {

    public SrtpProperties {
        if (srtp == null) srtp = PropertyDefaults.of(SrtpProperties.class, "srtp");
    }
}
