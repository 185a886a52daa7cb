package org.tandem.appliance.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Replaces the appliance certificate with one the admin brings (issue 22, finding 10): either a certificate
 * and its private key, or the certificate a CA issued for the signing request made here
 * ({@link SigningRequests}), whose key never left the appliance. The new keystore replaces
 * {@code <data-dir>/tls/sip.p12} atomically under the same password; HTTPS serves it at once.
 */
@Component
public class CertificateInstaller {

    private static final Logger log = LoggerFactory.getLogger(CertificateInstaller.class);

    private final ApplianceCertificate certificate;
    private final Path pendingKey;

    CertificateInstaller(ApplianceCertificate certificate, TandemProperties tandem) {
        this.certificate = certificate;
        this.pendingKey = tandem.dataDir().resolve("tls").resolve("request.key");
    }

    /** Where the key of the last signing request waits for its certificate (0600). */
    Path pendingKey() {
        return pendingKey;
    }

    /**
     * @param chainPem the server certificate first, then intermediates (PEM)
     * @param keyPem   its private key (PEM, PKCS#8 or PKCS#1), or null/blank for the key of the signing request
     * @return the installed chain
     */
    public synchronized List<X509Certificate> install(String chainPem, String keyPem) {
        if (certificate.configuredInFile()) {
            throw new InvalidInputException("certificate", "certificate.in-configuration");
        }
        List<X509Certificate> chain = certificates(chainPem);
        PrivateKey key = keyPem == null || keyPem.isBlank() ? pendingRequestKey() : privateKey(keyPem, "privateKey");
        X509Certificate leaf = chain.get(0);
        requireMatchingKey(leaf, key);
        requireValidNow(chain);
        requireLinked(chain);
        try {
            byte[] p12 = Pkcs12Files.write(
                    SelfSignedSipKeystore.ALIAS,
                    key,
                    chain.toArray(Certificate[]::new),
                    certificate.password().toCharArray());
            SecureFiles.writeAtomically(certificate.keystore(), p12);
            Files.deleteIfExists(pendingKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot write the new certificate to " + certificate.keystore() + ": " + e.getMessage(), e);
        }
        log.info(
                "Installed the appliance certificate for {} issued by {} (valid until {}); HTTPS uses it now, "
                        + "SIP-TLS after the next restart",
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                leaf.getNotAfter().toInstant());
        certificate.changed();
        return chain;
    }

    private static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        if (pem != null) {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                    if (o instanceof X509CertificateHolder holder) {
                        chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                    }
                }
            } catch (IOException | CertificateException e) {
                throw bad("certificate", "certificate.not-pem-chain", e.getMessage());
            }
        }
        if (chain.isEmpty()) {
            throw bad("certificate", "certificate.no-pem-certificate");
        }
        return chain;
    }

    static PrivateKey privateKey(String pem, String field) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
            if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
        } catch (IOException e) {
            throw bad(field, "certificate.not-pem-key", e.getMessage());
        }
        throw bad(field, "certificate.no-pem-key");
    }

    private PrivateKey pendingRequestKey() {
        if (!Files.exists(pendingKey)) {
            throw bad("privateKey", "certificate.key-needed");
        }
        try {
            return privateKey(Files.readString(pendingKey, StandardCharsets.US_ASCII), "privateKey");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + pendingKey + ": " + e.getMessage(), e);
        }
    }

    private static void requireMatchingKey(X509Certificate leaf, PrivateKey key) {
        try {
            // sign and verify one message: works for RSA and EC keys alike
            String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            byte[] probe = "tandem".getBytes(StandardCharsets.US_ASCII);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) return;
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below
        }
        throw bad(
                "privateKey",
                "certificate.key-mismatch",
                leaf.getSubjectX500Principal().getName());
    }

    private static void requireValidNow(List<X509Certificate> chain) {
        Date now = new Date();
        for (X509Certificate c : chain) {
            if (now.before(c.getNotBefore()) || now.after(c.getNotAfter())) {
                throw bad(
                        "certificate",
                        "certificate.validity",
                        c.getSubjectX500Principal().getName(),
                        c.getNotBefore().toInstant(),
                        c.getNotAfter().toInstant());
            }
        }
    }

    private static void requireLinked(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw bad("certificate", "certificate.chain-order", i + 2, i + 1);
            }
        }
    }

    private static InvalidInputException bad(String field, String key, Object... args) {
        return new InvalidInputException(field, key, args);
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
