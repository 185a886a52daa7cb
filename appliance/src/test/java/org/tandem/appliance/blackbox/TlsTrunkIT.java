package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trunk over TLS on the appliance's default NIO connections (issue 22 finding 7): the call's INVITE reaches the
 * provider on the connection the appliance opened and the provider's answer comes back on it (jain-sip 1.3.0-91's
 * NIO lost requests on new outbound connections; see OwnConnection), and a provider whose certificate names
 * another host gets no request at all (RFC 5922 §7.2, which jain-sip checks only on its blocking I/O).
 * The provider's CA is trusted through the appliance JVM's trust store, as an admin would add a private CA.
 */
class TlsTrunkIT {

    private static final String PASSWORD = "Tls-trunk-1";
    private static final TlsProvider.Authority CA = authority();
    private static final Path TRUST_STORE = trustStore();

    @RegisterExtension
    // own appliance: the JVM's trust store is a startup flag
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.sip.tls-port=" + FreePorts.udpAndTcp(),
            "-Djavax.net.ssl.trustStore=" + TRUST_STORE,
            "-Djavax.net.ssl.trustStorePassword=" + CA.trustStorePassword(),
            "-Djavax.net.ssl.trustStoreType=PKCS12");

    @BeforeAll
    static void users() {
        tandem.api().createUser("601", "Caller", PASSWORD);
        tandem.api().createUser("602", "Caller", PASSWORD);
    }

    @Test
    void aCallGoesOutOverTlsAndTheProvidersAnswerComesBack() throws Exception {
        try (TlsProvider provider = CA.provider(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))) {
            route("good", provider.port(), "6|X.", "601");

            tandem.sipp("call-486", "uac.xml")
                    .service("601")
                    .credentials("601", PASSWORD)
                    .key("callee", "6555")
                    .timeout(Duration.ofSeconds(20))
                    .runAndAssertSuccess();

            // the proxy ACKs the 486 (RFC 3261 §17.1.1.3) while it relays the 486 to SIPp, which then ends: on a busy
            // machine the ACK reaches the provider a moment after SIPp is done, so it is awaited, not raced
            org.awaitility.Awaitility.await("the ACK of the 486 at the provider")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> provider.requestLines().size() >= 2);
            assertThat(provider.requestLines())
                    .as("the provider read the INVITE and the ACK of its 486 over TLS")
                    .hasSize(2)
                    .satisfies(lines -> assertThat(lines.get(0)).startsWith("INVITE sip:555@127.0.0.1"))
                    .satisfies(lines -> assertThat(lines.get(1)).startsWith("ACK sip:555@127.0.0.1"));
        }
    }

    @Test
    void aProviderWhoseCertificateNamesAnotherHostGetsNoRequest() throws Exception {
        try (TlsProvider impostor = CA.provider(new GeneralName(GeneralName.dNSName, "elsewhere.test"))) {
            route("wrong", impostor.port(), "7|X.", "602");

            Sipp.Result call = tandem.sipp("call-486", "uac.xml")
                    .service("602")
                    .credentials("602", PASSWORD)
                    .key("callee", "7555")
                    .timeout(Duration.ofSeconds(20))
                    .run();

            assertThat(call.succeeded())
                    .as("the call does not reach a busy provider")
                    .isFalse();
            Awaitility.await("the refusal in the log")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> tandem.process().logTail(400).contains("RFC 5922"));
            assertThat(tandem.process().logTail(400)).contains("its certificate is for [dns:elsewhere.test]");
            assertThat(impostor.requestLines())
                    .as("no SIP message went to the impostor")
                    .isEmpty();
        }
    }

    private static void route(String id, int port, String pattern, String extension) {
        ok(tandem.api()
                .send(
                        "POST",
                        "/api/v1/trunks",
                        "{\"id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port
                                + ",\"transport\":\"tls\",\"fromDomain\":\"provider.test\",\"register\":false}"));
        ok(tandem.api()
                .send(
                        "POST",
                        "/api/v1/outbound-routes",
                        "{\"id\":\"" + id + "\",\"patterns\":[\"" + pattern + "\"],\"trunks\":[\"" + id
                                + "\"],\"permission\":\"national\"}"));
        ok(tandem.api().send("PUT", "/api/v1/users/" + extension + "/outbound", "{\"permission\":\"national\"}"));
    }

    private static void ok(TandemApi.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    private static TlsProvider.Authority authority() {
        try {
            return new TlsProvider.Authority();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path trustStore() {
        try {
            return CA.trustStore(Files.createTempDirectory("tls-trunk-ca"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
