package org.tandem.pbx.testsupport;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed RSA certificates with chosen names, and PKCS#12 keystores holding them, for TLS tests. */
public final class TestCertificates {

    public record Issued(KeyPair keys, X509Certificate certificate) {}

    private TestCertificates() {}

    /**
     * @param subject e.g. "CN=provider.example"
     * @param sans    "dns:name", "ip:address" or "uri:sip:domain"; none = no subjectAltName extension
     */
    public static Issued selfSigned(String subject, String... sans) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    name,
                    keys.getPublic());
            if (sans.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    String value = san.substring(san.indexOf(':') + 1);
                    if (san.startsWith("dns:")) names.add(new GeneralName(GeneralName.dNSName, value));
                    else if (san.startsWith("ip:")) names.add(new GeneralName(GeneralName.iPAddress, value));
                    else names.add(new GeneralName(GeneralName.uniformResourceIdentifier, value));
                }
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new Issued(keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test certificate for " + subject, e);
        }
    }

    /** Writes {@code issued} as the one key entry of a PKCS#12 keystore at {@code file}. */
    public static Path keystore(Issued issued, Path file, String password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", issued.keys().getPrivate(), password.toCharArray(), new Certificate[] {
                issued.certificate()
            });
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write the test keystore " + file, e);
        }
    }
}
