package org.tandem.media.srtp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.media.srtp}: optional (default), required or off; see {@link SrtpMode}. SDES keys are taken and
 * given only over SIP-TLS (RFC 4568 §8.3): an RTP/SAVP offer over UDP or TCP is refused with 488.
 */
@ConfigurationProperties("tandem.media")
public record SrtpProperties(SrtpMode srtp) {

    public SrtpProperties {
        if (srtp == null) srtp = SrtpMode.OPTIONAL;
    }
}
