package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5764 §8's transport protocols name DTLS-SRTP media, in any case; the others do not. */
class DtlsProfileTest {

    @Test
    void udpTlsRtpProfilesAreDtlsInAnyCase() {
        assertThat(DtlsSides.isDtlsProfile("UDP/TLS/RTP/SAVPF")).isTrue();
        assertThat(DtlsSides.isDtlsProfile("UDP/TLS/RTP/SAVP")).isTrue();
        assertThat(DtlsSides.isDtlsProfile("udp/tls/rtp/savpf")).isTrue();
    }

    @Test
    void otherProfilesAndShortNamesAreNot() {
        assertThat(DtlsSides.isDtlsProfile("RTP/SAVPF")).isFalse();
        assertThat(DtlsSides.isDtlsProfile("RTP/AVP")).isFalse();
        assertThat(DtlsSides.isDtlsProfile("UDP/TLS/RTP")).isFalse();
        assertThat(DtlsSides.isDtlsProfile("TCP/TLS/RTP/SAVPF")).isFalse();
        assertThat(DtlsSides.isDtlsProfile("")).isFalse();
    }
}
