package org.tandem.appliance.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.sip.SipProperties;

/** The appliance certificate is read once per certificate (issue 23, cold start), and a new one is picked up. */
class ApplianceCertificateTest {

    @TempDir
    Path dataDir;

    private final SipProperties sip =
            new SipProperties("127.0.0.1", "203.0.113.10", 5060, 5061, null, null, 0, 0, 0, null, null);

    private ApplianceCertificate certificate() {
        SelfSignedSipKeystore generated =
                new SelfSignedSipKeystore(new TandemProperties(dataDir, "pbx.example.com", null), sip);
        return new ApplianceCertificate(sip, generated);
    }

    @Test
    void tomcatGetsTheKeyAndChainOfTheKeystoreInMemory() throws Exception {
        ApplianceCertificate certificate = certificate();

        KeyStore memory = certificate.serverKeyStore();

        assertThat(memory.getType()).isEqualTo(ApplianceCertificate.SERVER_STORE_TYPE);
        String alias = SelfSignedSipKeystore.ALIAS;
        X509Certificate leaf = (X509Certificate) memory.getCertificateChain(alias)[0];
        assertThat(leaf).isEqualTo(certificate.chain().get(0));
        assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=pbx.example.com");
        PrivateKey key =
                (PrivateKey) memory.getKey(alias, certificate.password().toCharArray());
        assertThat(signs(key, leaf)).isTrue();
        assertThat(certificate.selfSigned()).isTrue();
    }

    @Test
    void anInstalledCertificateReplacesTheOneReadAtStart() throws Exception {
        ApplianceCertificate certificate = certificate();
        X509Certificate first = certificate.chain().get(0);
        certificate.serverKeyStore();
        AtomicInteger changes = new AtomicInteger();
        certificate.onChange(changes::incrementAndGet);
        SelfSignedCertificates.Issued other =
                SelfSignedCertificates.create("sip.example.org", List.of(), Duration.ofDays(30));

        new CertificateInstaller(certificate, new TandemProperties(dataDir, "pbx.example.com", null))
                .install(
                        CertificateInstaller.pem(other.certificate()),
                        CertificateInstaller.pem(other.keyPair().getPrivate()));

        assertThat(changes).hasValue(1);
        assertThat(certificate.chain()).containsExactly(other.certificate());
        assertThat(certificate.chain().get(0)).isNotEqualTo(first);
        KeyStore memory = certificate.serverKeyStore();
        assertThat(memory.getCertificateChain(SelfSignedSipKeystore.ALIAS)[0]).isEqualTo(other.certificate());
        assertThat(signs(
                        (PrivateKey) memory.getKey(
                                SelfSignedSipKeystore.ALIAS,
                                certificate.password().toCharArray()),
                        other.certificate()))
                .isTrue();
    }

    private static boolean signs(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] probe = "tandem".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
