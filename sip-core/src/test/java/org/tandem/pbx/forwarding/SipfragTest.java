package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The status line of a transfer's NOTIFY body (RFC 3420, RFC 3515 §2.4.5). */
class SipfragTest {

    @Test
    void theStatusOfTheFragmentsStatusLine() {
        assertThat(Sipfrag.status("SIP/2.0 100 Trying\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(100);
        assertThat(Sipfrag.status("SIP/2.0 200 OK".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);
        assertThat(Sipfrag.status("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(486);
    }

    @Test
    void aBodyWithoutAStatusLineSaysOnlyThatTheTransferIsUnderWay() {
        assertThat(Sipfrag.status(null)).isEqualTo(100);
        assertThat(Sipfrag.status(new byte[0])).isEqualTo(100);
        assertThat(Sipfrag.status("INVITE sip:201@x SIP/2.0".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(100);
    }
}
