package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.pbx.testsupport.TlsHandshake;
import org.tandem.pbx.testsupport.TlsHandshake.Outcome;

/**
 * Every TLS port of the running jar — SIP-TLS and HTTPS (UI, API and provisioning on one port) — accepts
 * TLS 1.3 and TLS 1.2 with ECDHE + AEAD only (issue 22, finding 9), probed by the JDK's client and by
 * OpenSSL's (which still offers TLS 1.0/1.1); HTTPS serves the UI, the API and /prov/ with the security
 * headers (finding 10), and plain HTTP keeps answering this host.
 */
class TlsPortsIT {

    private static final String HOST = TandemProcess.HOST;
    private static final int SIP_TLS = FreePorts.udpAndTcp();
    private static final int HTTPS = FreePorts.udpAndTcp();

    @RegisterExtension
    // own appliance: SIP TLS and HTTPS ports (startup flags), scanned from outside
    static final TandemExtension tandem =
            new TandemExtension("--tandem.sip.tls-port=" + SIP_TLS, "--tandem.https-port=" + HTTPS);

    private static int port(String which) {
        return "sip-tls".equals(which) ? SIP_TLS : HTTPS;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip-tls", "https"})
    void tls13AndEcdheAeadTls12AreAccepted(String which) {
        Outcome tls13 = TlsHandshake.jdk(HOST, port(which), "TLSv1.3");
        assertThat(tls13.protocol()).as(which + " " + tls13).isEqualTo("TLSv1.3");
        for (String suite : new String[] {
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
        }) {
            Outcome o = TlsHandshake.jdk(HOST, port(which), "TLSv1.2", suite);
            assertThat(o.cipherSuite()).as(which + " " + suite + ": " + o).isEqualTo(suite);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip-tls", "https"})
    void suitesWithoutForwardSecrecyOrAeadAreRefused(String which) {
        for (String suite : new String[] {
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"
        }) {
            Outcome o = TlsHandshake.jdk(HOST, port(which), "TLSv1.2", suite);
            assertThat(o.accepted()).as(which + " " + suite + ": " + o).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip-tls", "https"})
    void tls10And11AreRefused(String which) {
        assumeTrue(TlsHandshake.opensslAvailable(), "openssl (Debian package openssl) is needed");
        assertThat(TlsHandshake.openssl(HOST, port(which), "-tls1").accepted())
                .as(which + " TLS 1.0")
                .isFalse();
        assertThat(TlsHandshake.openssl(HOST, port(which), "-tls1_1").accepted())
                .as(which + " TLS 1.1")
                .isFalse();
        assertThat(TlsHandshake.openssl(HOST, port(which), "-tls1_2").protocol())
                .as("the same client, TLS 1.2")
                .isEqualTo("TLSv1.2");
    }

    @Test
    void httpsServesUiApiAndProvisioningWithSecurityHeaders() {
        String base = "https://" + HOST + ":" + HTTPS;
        Https.Reply login = Https.send("GET", base + "/login", null, null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(login.header("Strict-Transport-Security"))
                .as("no HSTS with the self-signed certificate")
                .isNull();

        Https.Reply api =
                Https.send("GET", base + "/api/v1/users", tandem.process().adminPassword(), null);
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(Https.send("GET", base + "/prov/unknown-file.cfg", null, null)
                        .status())
                .as("/prov/ answers on the same port")
                .isIn(403, 404);
    }

    /**
     * scripts/scan.sh, as an admin or CI runs it: sslscan on both ports, the headers, the jar's dependencies, and
     * sipvicious's svmap and svwar (issue 22, "a scripted scan in CI") over a range holding two real users, which
     * must look exactly like the numbers that are nobody's (no user enumeration).
     */
    @Test
    void theScanScriptFindsNothing() throws Exception {
        tandem.api().createUser("1203", "Scanned one", "Scan-secret-1203");
        tandem.api().createUser("1207", "Scanned two", "Scan-secret-1207");
        Path script = Path.of("..", "scripts", "scan.sh").toAbsolutePath().normalize();
        Process scan = new ProcessBuilder(
                        script.toString(),
                        "--tls",
                        HOST + ":" + SIP_TLS,
                        "--tls",
                        HOST + ":" + HTTPS,
                        "--headers",
                        "https://" + HOST + ":" + HTTPS + "/login",
                        "--sbom",
                        TandemProcess.jar().toString(),
                        "--sip",
                        tandem.process().sipHostPort(),
                        "--sip-extensions",
                        "1195-1215")
                .redirectErrorStream(true)
                .start();
        scan.getOutputStream().close();
        String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(scan.waitFor(5, TimeUnit.MINUTES)).as("scan.sh finishes").isTrue();
        assertThat(scan.exitValue()).as(out).isZero();
        assertThat(out)
                .contains(
                        HOST + ":" + SIP_TLS + ": TLSv1.1 refused",
                        HOST + ":" + HTTPS + ": TLS 1.2 only ECDHE+AEAD",
                        "X-Content-Type-Options: nosniff",
                        "0 vulnerable",
                        "svmap sees no product or version",
                        "svwar -m REGISTER found no extension in 1195-1215",
                        "svwar -m INVITE found no extension in 1195-1215");
    }

    @Test
    void plainHttpStillAnswersThisHost() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + HOST + ":"
                                        + tandem.process().httpPort() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode())
                .as("loopback clients are not redirected")
                .isEqualTo(200);
    }
}
