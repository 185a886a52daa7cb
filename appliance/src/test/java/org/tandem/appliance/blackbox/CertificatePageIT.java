package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.testsupport.TlsProbe;
import org.tandem.pbx.testsupport.TestCertificates;

/**
 * The Certificate page in real headless Chromium (issue 22, finding 10), which also shows the UI works under its
 * Content-Security-Policy: an admin makes a signing request and gets the PEM to give a CA, a key that does not
 * belong to the certificate is refused with the reason, and a certificate with its key is installed and
 * served on HTTPS at once.
 */
class CertificatePageIT {

    private static final int HTTPS = FreePorts.udpAndTcp();

    @RegisterExtension
    // own appliance: HTTPS on (startup flag), and it installs the appliance certificate
    static final TandemExtension tandem = new TandemExtension("--tandem.https-port=" + HTTPS);

    private Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(tandem.process());
        browser.logInTo(
                "/certificate", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitText("certificate-current", "self-signed");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    @Test
    void anAdminMakesASigningRequestAndInstallsACertificateWithItsKey() throws Exception {
        browser.fill("csr-common-name", "pbx.page.test");
        browser.fill("csr-other-names", "127.0.0.1");
        browser.click("csr-make");
        browser.until(
                () -> String.valueOf(browser.script(
                                "var area = document.getElementById('csr-pem'); return area ? area.value : ''"))
                        .startsWith("-----BEGIN CERTIFICATE REQUEST-----"),
                "the signing request in the page");

        var mine = TestCertificates.selfSigned("CN=pbx.page.test", "dns:pbx.page.test");
        var other = TestCertificates.selfSigned("CN=other.test");
        browser.fill("install-certificate", pem(mine.certificate()));
        browser.fill("install-key", pem(other.keys().getPrivate()));
        browser.click("install-button");
        browser.awaitText("certificate-outcome", "does not belong to the certificate");

        browser.fill("install-key", pem(mine.keys().getPrivate()));
        browser.click("install-button");
        browser.awaitText("certificate-outcome", "Installed");
        browser.awaitText("certificate-current", "CN=pbx.page.test");
        assertThat(TlsProbe.serverCertificate(TandemProcess.HOST, HTTPS)).isEqualTo(mine.certificate());
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
