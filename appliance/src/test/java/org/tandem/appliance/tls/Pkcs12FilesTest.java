package org.tandem.appliance.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.sip.SipProperties;

/**
 * The appliance's own keystore files carry one key-derivation round (their password lies beside them), still open
 * with that password, and a file from before is rewritten once to the same certificate and key.
 */
class Pkcs12FilesTest {

    @TempDir
    Path dataDir;

    private final SelfSignedCertificates.Issued issued =
            SelfSignedCertificates.create("pbx.example.com", List.of(), Duration.ofDays(30));

    @Test
    void aFileWrittenHereHasOneRoundAndOpensWithItsPassword() throws Exception {
        char[] password = "beside-it".toCharArray();
        byte[] p12 =
                Pkcs12Files.write(SelfSignedSipKeystore.ALIAS, issued.keyPair().getPrivate(), chain(), password);

        assertThat(Pkcs12Files.macRounds(p12)).isEqualTo(1);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12), password);
        assertThat(ks.getCertificate(SelfSignedSipKeystore.ALIAS)).isEqualTo(issued.certificate());
        assertSameKey((PrivateKey) ks.getKey(SelfSignedSipKeystore.ALIAS, password), issued.certificate());
        assertThat(System.getProperty("keystore.pkcs12.macIterationCount"))
                .as("the process's own PKCS#12 defaults are left as they were")
                .isNull();
        assertThat(Pkcs12Files.macRounds(javaDefault(password)))
                .as("a file with Java's defaults, read by the same parser")
                .isEqualTo(10_000);
    }

    @Test
    void whatIsNotAPkcs12FileHasNoRoundsToReport() {
        assertThat(Pkcs12Files.macRounds(new byte[] {0x30, 0x03, 0x02, 0x01, 0x03}))
                .isEqualTo(-1);
        assertThat(Pkcs12Files.macRounds("not der".getBytes())).isEqualTo(-1);
        assertThat(Pkcs12Files.macRounds(new byte[0])).isEqualTo(-1);
    }

    @Test
    void aSelfSignedKeystoreFromBeforeIsRewrittenOnceToTheSameCertificate() throws Exception {
        SelfSignedSipKeystore made = store();
        Path p12 = made.path();
        X509Certificate certificate = made.certificate();
        String password = made.password();
        assertThat(Pkcs12Files.macRounds(Files.readAllBytes(p12)))
                .as("made here")
                .isEqualTo(1);
        KeyStore old = KeyStore.getInstance("PKCS12");
        old.load(new ByteArrayInputStream(Files.readAllBytes(p12)), password.toCharArray());
        PrivateKey key = (PrivateKey) old.getKey(SelfSignedSipKeystore.ALIAS, password.toCharArray());
        Files.write(p12, javaDefault(old, password.toCharArray())); // as sessions before this one wrote it

        SelfSignedSipKeystore later = store();

        assertThat(later.password()).isEqualTo(password);
        assertThat(later.certificate()).isEqualTo(certificate);
        byte[] rewritten = Files.readAllBytes(p12);
        assertThat(Pkcs12Files.macRounds(rewritten)).isEqualTo(1);
        KeyStore again = KeyStore.getInstance("PKCS12");
        again.load(new ByteArrayInputStream(rewritten), password.toCharArray());
        assertThat(again.getKey(SelfSignedSipKeystore.ALIAS, password.toCharArray())
                        .getEncoded())
                .isEqualTo(key.getEncoded());

        store().path();
        assertThat(Files.readAllBytes(p12))
                .as("written once: the next start leaves it")
                .isEqualTo(rewritten);
    }

    @Test
    void aKeystoreFromBeforeThatCannotBeRewrittenServesAsItIs() throws Exception {
        SelfSignedSipKeystore made = store();
        Path p12 = made.path();
        X509Certificate certificate = made.certificate();
        char[] password = made.password().toCharArray();
        KeyStore old = KeyStore.getInstance("PKCS12");
        old.load(new ByteArrayInputStream(Files.readAllBytes(p12)), password);
        byte[] before = javaDefault(old, password);
        Files.write(p12, before);
        Path tls = p12.getParent();
        assumeTrue(
                chattr("+i", tls), "needs chattr (root, a file system with attributes) to make the folder unwritable");
        try {
            SelfSignedSipKeystore later = store();

            assertThat(later.certificate()).isEqualTo(certificate);
            assertThat(Files.readAllBytes(p12)).as("left as it was").isEqualTo(before);
        } finally {
            chattr("-i", tls);
        }
    }

    private static boolean chattr(String change, Path path) throws Exception {
        try {
            Process chattr = new ProcessBuilder("chattr", change, path.toString())
                    .redirectErrorStream(true)
                    .start();
            chattr.getInputStream().readAllBytes();
            return chattr.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private SelfSignedSipKeystore store() {
        SipProperties sip = new SipProperties("127.0.0.1", "203.0.113.10", 5060, 5061, null, null, 0, 0, 0, null, null);
        return new SelfSignedSipKeystore(new TandemProperties(dataDir, "pbx.example.com", null), sip);
    }

    private Certificate[] chain() {
        return new Certificate[] {issued.certificate()};
    }

    /** The key pair of this test in a file with Java's defaults (10,000 rounds each). */
    private byte[] javaDefault(char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(SelfSignedSipKeystore.ALIAS, issued.keyPair().getPrivate(), password, chain());
        return stored(ks, password);
    }

    /** The entry of {@code from} in a file with Java's defaults, as the appliance wrote it before. */
    private static byte[] javaDefault(KeyStore from, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        String alias = SelfSignedSipKeystore.ALIAS;
        ks.setKeyEntry(alias, from.getKey(alias, password), password, from.getCertificateChain(alias));
        return stored(ks, password);
    }

    private static byte[] stored(KeyStore ks, char[] password) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    private static void assertSameKey(PrivateKey key, X509Certificate certificate) throws Exception {
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(certificate);
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(signature)).isTrue();
    }
}
