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
     * The shared appliance: SIP over TLS and its media on the phones' loopback ({@link TandemExtension}), and the
     * default digest settings, which give baresip MD5 challenges alone (SHA-256 is offered only to the clients of
     * tandem.auth.sha256-user-agents: {@link BaresipDigestIT}). Debian 12's baresip 1.0 (libre) gives up with ENOSYS
     * ("Register: Function not implemented") as soon as one of the offered challenges has an algorithm it does not
     * know, instead of ignoring that challenge (RFC 8760 §2.4).
     */
    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers (531-537) of its own

    private static final String PASSWORD = "Soft-secret-1";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);

    @BeforeAll
    static void users() {
        for (String ext : new String[] {"531", "532", "533", "534", "535", "536", "537"}) {
            tandem.api().createUser(ext, "Phone " + ext, PASSWORD);
        }
    }

    @ParameterizedTest(name = "{0} over {1} calls {2} over {3}")
    @CsvSource({"531, udp, 532, udp", "533, udp, 534, tcp"})
    void twoSoftphonesRegisterCallTalkAndHangUp(String a, String aTransport, String b, String bTransport) {
        try (Baresip alice = Baresip.start(tandem.process(), a, PASSWORD, aTransport);
                Baresip bob = Baresip.start(tandem.process(), b, PASSWORD, bTransport)) {
            // registered as the appliance sees it (baresip may register before its ctrl_tcp client connects,
            // so its REGISTER_OK event is not a reliable signal)
            Awaitility.await(a + " and " + b + " registered")
                    .atMost(SIGNALLING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf(a).isEmpty()
                            && !tandem.api().registrationsOf(b).isEmpty());
            assertThat(tandem.api().registrationsOf(a))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("userAgent").asText()).containsIgnoringCase("baresip"));
            assertThat(tandem.api().registrationsOf(b))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("transport").asText()).isEqualToIgnoringCase(bTransport));

            alice.command("dial", "sip:" + b + "@" + tandem.process().sipHostPort());
            bob.awaitEvent("CALL_INCOMING", SIGNALLING);
            bob.command("accept", null);
            alice.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            bob.awaitEvent("CALL_ESTABLISHED", SIGNALLING);

            // RTP both ways: each phone both sends and receives (20 ms packets: 50 a second)
            Awaitility.await("RTP flowing between " + a + " and " + b)
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Baresip.RtpCounts ra = alice.rtp();
                        Baresip.RtpCounts rb = bob.rtp();
                        assertThat(ra.sent()).as("%s sent\n%s", a, ra.report()).isGreaterThanOrEqualTo(50);
                        assertThat(ra.received())
                                .as("%s received\n%s", a, ra.report())
                                .isGreaterThanOrEqualTo(50);
                        assertThat(rb.sent()).as("%s sent\n%s", b, rb.report()).isGreaterThanOrEqualTo(50);
                        assertThat(rb.received())
                                .as("%s received\n%s", b, rb.report())
                                .isGreaterThanOrEqualTo(50);
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
     * which terminates its SRTP; then it calls a box whose user has no phone (536) and the voicemail answers SRTP.
     * baresip's SRTP is libre's (libsrtp-compatible), not ours: packets only count as received once they decrypt.
     */
    @org.junit.jupiter.api.Test
    void anSrtpSoftphoneOnTlsTalksToAPlainOneAndToVoicemail() {
        try (Baresip secure = Baresip.start(
                        tandem.process(),
                        "535",
                        PASSWORD,
                        "tls",
                        tandem.process().sipTlsPort(),
                        ";mediaenc=srtp-mand");
                Baresip plain = Baresip.start(tandem.process(), "537", PASSWORD, "udp")) {
            Awaitility.await("535 over TLS and 537 registered")
                    .atMost(SIGNALLING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf("535").isEmpty()
                            && !tandem.api().registrationsOf("537").isEmpty());
            assertThat(tandem.api().registrationsOf("535"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("transport").asText()).isEqualToIgnoringCase("tls"));

            secure.command("dial", "sip:537@127.0.0.1:" + tandem.process().sipTlsPort() + ";transport=tls");
            plain.awaitEvent("CALL_INCOMING", SIGNALLING);
            plain.command("accept", null);
            secure.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            Awaitility.await("SRTP to and from 535, plain RTP to and from 537")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Baresip.RtpCounts s = secure.rtp();
                        Baresip.RtpCounts p = plain.rtp();
                        assertThat(s.received())
                                .as("535 decrypted\n%s", s.report())
                                .isGreaterThanOrEqualTo(50);
                        assertThat(s.sent()).as("535 sent\n%s", s.report()).isGreaterThanOrEqualTo(50);
                        assertThat(p.received())
                                .as("537 received\n%s", p.report())
                                .isGreaterThanOrEqualTo(50);
                    });
            secure.command("hangup", null);
            secure.awaitEvent("CALL_CLOSED", SIGNALLING);
            plain.awaitEvent("CALL_CLOSED", SIGNALLING);

            secure.command("dial", "sip:536@127.0.0.1:" + tandem.process().sipTlsPort() + ";transport=tls");
            secure.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            Awaitility.await("the voicemail greeting, SRTP from the media services")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Baresip.RtpCounts s = secure.rtp();
                        assertThat(s.received())
                                .as("535 decrypted\n%s", s.report())
                                .isGreaterThanOrEqualTo(50);
                    });
            secure.command("hangup", null);
            secure.awaitEvent("CALL_CLOSED", SIGNALLING);
        }
    }
}
