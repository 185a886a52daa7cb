package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.TestCertificates;
import org.tandem.pbx.testsupport.TlsHandshake;
import org.tandem.pbx.testsupport.TlsHandshake.Outcome;

/**
 * SIP-TLS accepts TLS 1.3 and TLS 1.2 with ECDHE + AEAD suites only (issue 22, finding 9), proven with real
 * clients against the real JAIN-SIP listening point. Before the fix it spoke TLS 1.2 at most, and only
 * TLS_RSA_WITH_AES_128_CBC_SHA (jain-sip's own default suite list).
 */
class SipTlsPortTest {

    private static final String HOST = "127.0.0.1";
    private static SipTransports transports;
    private static int tlsPort;

    @BeforeAll
    static void startSipTls(@TempDir Path dir) {
        tlsPort = FreePorts.udpAndTcp();
        Path keystore = TestCertificates.keystore(
                TestCertificates.selfSigned("CN=pbx.test", "dns:pbx.test"), dir.resolve("sip.p12"), "changeit-1");
        SipProperties props = new SipProperties(
                HOST,
                HOST,
                FreePorts.udpAndTcp(),
                tlsPort,
                keystore.toString(),
                "changeit-1",
                0,
                0,
                0,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        transports = new SipTransports(props, new Silent(), null);
        transports.start();
    }

    @AfterAll
    static void stop() {
        if (transports != null) transports.stop();
    }

    @Test
    void tls13IsAccepted() {
        Outcome tls13 = TlsHandshake.jdk(HOST, tlsPort, "TLSv1.3");
        assertThat(tls13.protocol()).as(tls13.toString()).isEqualTo("TLSv1.3");
    }

    @Test
    void tls12WithEcdheAndAeadIsAccepted() {
        for (String suite : new String[] {
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
        }) {
            Outcome o = TlsHandshake.jdk(HOST, tlsPort, "TLSv1.2", suite);
            assertThat(o.cipherSuite()).as(suite + ": " + o).isEqualTo(suite);
        }
    }

    @Test
    void tls12WithoutForwardSecrecyIsRefused() {
        // static RSA key transport: whoever gets the server key later reads every recorded call setup
        for (String suite : new String[] {
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"
        }) {
            assertThat(TlsHandshake.jdk(HOST, tlsPort, "TLSv1.2", suite).accepted())
                    .as(suite)
                    .isFalse();
        }
    }

    @Test
    void tls12WithCbcSuitesIsRefused() {
        for (String suite : new String[] {
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"
        }) {
            assertThat(TlsHandshake.jdk(HOST, tlsPort, "TLSv1.2", suite).accepted())
                    .as(suite)
                    .isFalse();
        }
    }

    @Test
    void tls10And11AreRefusedToAClientThatOffersThem() {
        assumeTrue(TlsHandshake.opensslAvailable(), "openssl (Debian package openssl) is needed for this check");
        assertThat(TlsHandshake.openssl(HOST, tlsPort, "-tls1_1").accepted())
                .as("TLS 1.1")
                .isFalse();
        assertThat(TlsHandshake.openssl(HOST, tlsPort, "-tls1").accepted())
                .as("TLS 1.0")
                .isFalse();
        // the same client gets through where the policy allows: the refusals above are the server's
        assertThat(TlsHandshake.openssl(HOST, tlsPort, "-tls1_2").protocol()).isEqualTo("TLSv1.2");
    }

    private static final class Silent implements SipListener {
        @Override
        public void processRequest(RequestEvent e) {}

        @Override
        public void processResponse(ResponseEvent e) {}

        @Override
        public void processTimeout(TimeoutEvent e) {}

        @Override
        public void processIOException(IOExceptionEvent e) {}

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {}

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {}
    }
}
