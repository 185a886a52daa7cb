package org.tandem.appliance.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.sip.SipProperties;

class TlsCertificateTest {

    @TempDir
    Path dataDir;

    private SelfSignedSipKeystore store(String domain) {
        SipProperties sip = new SipProperties("127.0.0.1", "203.0.113.10", 5060, 5061, null, null, 0, 0, 0, null, null);
        return new SelfSignedSipKeystore(new TandemProperties(dataDir, domain, null), sip);
    }

    @Test
    void createsAPrivateSelfSignedCertificateForTheDomainOnFirstStart() throws Exception {
        SelfSignedSipKeystore store = store("pbx.example.com");

        Path p12 = store.path();

        assertThat(p12).isEqualTo(dataDir.resolve("tls/sip.p12")).exists();
        Path passwordFile = dataDir.resolve("tls/sip.p12.password");
        assertThat(Files.getPosixFilePermissions(p12)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(p12.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(passwordFile).strip())
                .isEqualTo(store.password())
                .hasSizeGreaterThanOrEqualTo(32);
        try (var leftovers = Files.list(p12.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("sip.p12", "sip.p12.password");
        }

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, store.password().toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(SelfSignedSipKeystore.ALIAS);
        assertThat(ks.isKeyEntry(SelfSignedSipKeystore.ALIAS)).isTrue();
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=pbx.example.com");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        List<String> sans = new ArrayList<>();
        cert.getSubjectAlternativeNames().forEach(n -> sans.add(n.get(0) + ":" + n.get(1)));
        assertThat(sans).containsExactly("2:pbx.example.com", "7:203.0.113.10"); // 2 = DNS, 7 = IP
        Duration validity = Duration.between(Instant.now(), cert.getNotAfter().toInstant());
        assertThat(validity).isBetween(Duration.ofDays(3650), Duration.ofDays(3653));
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
    }

    @Test
    void reusesTheCertificateOnLaterStarts() throws Exception {
        SelfSignedSipKeystore first = store("pbx.example.com");
        X509Certificate original = first.certificate();
        byte[] bytes = Files.readAllBytes(first.path());
        String password = first.password();

        SelfSignedSipKeystore second = store("pbx.example.com");

        assertThat(second.password()).isEqualTo(password);
        assertThat(second.certificate()).isEqualTo(original);
        assertThat(Files.readAllBytes(second.path())).isEqualTo(bytes);
    }

    @Test
    void aDamagedPairIsAClearErrorNotANewCertificate() throws Exception {
        SelfSignedSipKeystore first = store("pbx.example.com");
        Path p12 = first.path();
        Files.writeString(dataDir.resolve("tls/sip.p12.password"), "wrong\n");

        assertThatThrownBy(() -> store("pbx.example.com").path())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(p12.toString())
                .hasMessageContaining("delete both");

        Files.delete(dataDir.resolve("tls/sip.p12.password"));
        assertThatThrownBy(() -> store("pbx.example.com").path())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password file")
                .hasMessageContaining("is missing");
    }

    @Test
    void aCrashBeforeTheKeystoreWasWrittenLeadsToANewPair() throws Exception {
        Files.createDirectories(dataDir.resolve("tls"));
        Files.writeString(dataDir.resolve("tls/sip.p12.password"), "left-over\n");

        SelfSignedSipKeystore store = store("pbx.example.com");

        assertThat(store.password()).isNotEqualTo("left-over");
        assertThat(store.certificate().getSubjectX500Principal().getName()).contains("CN=pbx.example.com");
    }
}
