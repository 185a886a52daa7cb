package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue's end-to-end promise: two real softphones (baresip) register with digest auth, call each
 * other through the appliance, audio (RTP) flows both ways, and the call hangs up cleanly.
 */
class SoftphoneIT {

    /**
     * MD5 challenges only (baresip would get them with the defaults too since SHA-256 is offered only to the
     * clients of tandem.auth.sha256-user-agents: {@link BaresipDigestIT}). Debian 12's baresip 1.0 (libre) gives
     * up with ENOSYS ("Register: Function not implemented") as soon as one of the offered challenges has an
     * algorithm it does not know, instead of ignoring that challenge (RFC 8760 §2.4).
     */
    private static final int TLS_PORT = FreePorts.udpAndTcp(); // before the extension, which takes it

    @RegisterExtension
    // own appliance: SIP over TLS and media on loopback are startup flags
    static final TandemExtension tandem = new TandemExtension("--tandem.auth.algorithms=MD5",
            "--tandem.sip.tls-port=" + TLS_PORT,
            // the relay and the media services on the phones' loopback (else the host's primary address, where a
            // baresip bound to 127.0.0.1 would send from an address the relay takes for a stranger's)
            "--tandem.media.advertised-address=127.0.0.1", "--tandem.media.bind-address=127.0.0.1");

    private static final String PASSWORD = "Soft-secret-1";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);

    @BeforeAll
    static void users() {
        for (String ext : new String[] {"401", "402", "403", "404", "405", "406", "407"}) {
            tandem.api().createUser(ext, "Phone " + ext, PASSWORD);
        }
    }

    @ParameterizedTest(name = "{0} over {1} calls {2} over {3}")
    @CsvSource({"401, udp, 402, udp", "403, udp, 404, tcp"})
    void twoSoftphonesRegisterCallTalkAndHangUp(String a, String aTransport, String b, String bTransport) {
        try (Baresip alice = Baresip.start(tandem.process(), a, PASSWORD, aTransport);
             Baresip bob = Baresip.start(tandem.process(), b, PASSWORD, bTransport)) {
            // registered as the appliance sees it (baresip may register before its ctrl_tcp client connects,
            // so its REGISTER_OK event is not a reliable signal)
            Awaitility.await(a + " and " + b + " registered").atMost(SIGNALLING).pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf(a).isEmpty() && !tandem.api().registrationsOf(b).isEmpty());
            assertThat(tandem.api().registrationsOf(a)).singleElement()
                    .satisfies(r -> assertThat(r.get("userAgent").asText()).containsIgnoringCase("baresip"));
            assertThat(tandem.api().registrationsOf(b)).singleElement()
                    .satisfies(r -> assertThat(r.get("transport").asText()).isEqualToIgnoringCase(bTransport));

            alice.command("dial", "sip:" + b + "@" + tandem.process().sipHostPort());
            bob.awaitEvent("CALL_INCOMING", SIGNALLING);
            bob.command("accept", null);
            alice.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            bob.awaitEvent("CALL_ESTABLISHED", SIGNALLING);

            // RTP both ways: each phone both sends and receives (20 ms packets: 50 a second)
            Awaitility.await("RTP flowing between " + a + " and " + b).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Baresip.RtpCounts ra = alice.rtp();
                        Baresip.RtpCounts rb = bob.rtp();
                        assertThat(ra.sent()).as("%s sent\n%s", a, ra.report()).isGreaterThanOrEqualTo(50);
                        assertThat(ra.received()).as("%s received\n%s", a, ra.report()).isGreaterThanOrEqualTo(50);
                        assertThat(rb.sent()).as("%s sent\n%s", b, rb.report()).isGreaterThanOrEqualTo(50);
                        assertThat(rb.received()).as("%s received\n%s", b, rb.report()).isGreaterThanOrEqualTo(50);
                    });

            // clean hang-up: the BYE crosses the proxy and closes the other side's call too
            alice.command("hangup", null);
            alice.awaitEvent("CALL_CLOSED", SIGNALLING);
            bob.awaitEvent("CALL_CLOSED", SIGNALLING);
        }
    }

    /**
     * Issue 22 with a real softphone: baresip on SIP-TLS with mandatory SRTP (mediaenc=srtp-mand: it offers only
     * RTP/SAVP with SDES keys and drops a call that is not SRTP) talks to a plain-RTP baresip on UDP through the relay,
     * which terminates its SRTP; then it calls a box whose user has no phone (406) and the voicemail answers SRTP.
     * baresip's SRTP is libre's (libsrtp-compatible), not ours: packets only count as received once they decrypt.
     */
    @org.junit.jupiter.api.Test
    void anSrtpSoftphoneOnTlsTalksToAPlainOneAndToVoicemail() {
        try (Baresip secure = Baresip.start(tandem.process(), "405", PASSWORD, "tls", TLS_PORT, ";mediaenc=srtp-mand");
             Baresip plain = Baresip.start(tandem.process(), "407", PASSWORD, "udp")) {
            Awaitility.await("405 over TLS and 407 registered").atMost(SIGNALLING).pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf("405").isEmpty()
                            && !tandem.api().registrationsOf("407").isEmpty());
            assertThat(tandem.api().registrationsOf("405")).singleElement()
                    .satisfies(r -> assertThat(r.get("transport").asText()).isEqualToIgnoringCase("tls"));

            secure.command("dial", "sip:407@127.0.0.1:" + TLS_PORT + ";transport=tls");
            plain.awaitEvent("CALL_INCOMING", SIGNALLING);
            plain.command("accept", null);
            secure.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            Awaitility.await("SRTP to and from 405, plain RTP to and from 407").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        Baresip.RtpCounts s = secure.rtp();
                        Baresip.RtpCounts p = plain.rtp();
                        assertThat(s.received()).as("405 decrypted\n%s", s.report()).isGreaterThanOrEqualTo(50);
                        assertThat(s.sent()).as("405 sent\n%s", s.report()).isGreaterThanOrEqualTo(50);
                        assertThat(p.received()).as("407 received\n%s", p.report()).isGreaterThanOrEqualTo(50);
                    });
            secure.command("hangup", null);
            secure.awaitEvent("CALL_CLOSED", SIGNALLING);
            plain.awaitEvent("CALL_CLOSED", SIGNALLING);

            secure.command("dial", "sip:406@127.0.0.1:" + TLS_PORT + ";transport=tls");
            secure.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            Awaitility.await("the voicemail greeting, SRTP from the media services").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        Baresip.RtpCounts s = secure.rtp();
                        assertThat(s.received()).as("405 decrypted\n%s", s.report()).isGreaterThanOrEqualTo(50);
                    });
            secure.command("hangup", null);
            secure.awaitEvent("CALL_CLOSED", SIGNALLING);
        }
    }
}
