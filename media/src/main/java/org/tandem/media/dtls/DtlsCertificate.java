package org.tandem.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The relay's DTLS identity for WebRTC faces (RFC 5763 §5): one self-signed ECDSA P-256 certificate, made at start
 * and never stored; a browser trusts it by the fingerprint in our SDP (a=fingerprint), which the signalling (SIP over
 * WSS) protects, not by any CA. WebRTC endpoints do the same (RFC 8827 §6.5).
 */
public final class DtlsCertificate {

    private final BcTlsCrypto crypto;
    private final Certificate chain;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(
            BcTlsCrypto crypto, Certificate chain, AsymmetricKeyParameter privateKey, String fingerprint) {
        this.crypto = crypto;
        this.chain = chain;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint;
    }

    /** A fresh key pair and certificate (a few milliseconds). */
    public static DtlsCertificate generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=tandem-media-relay");
            Instant now = Instant.now();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(64, random),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(3650))),
                            name,
                            pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            byte[] der = holder.getEncoded();
            BcTlsCrypto crypto = new BcTlsCrypto(random);
            Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
            return new DtlsCertificate(
                    crypto,
                    chain,
                    PrivateKeyFactory.createKey(pair.getPrivate().getEncoded()),
                    "sha-256 " + fingerprintOf(der));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the relay's DTLS certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 8122 §5: the SHA-256 of the DER certificate, as upper-case hex pairs joined by colons. */
    static String fingerprintOf(byte[] der) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(der);
            String hex = HexFormat.of().withUpperCase().formatHex(hash);
            StringBuilder s = new StringBuilder(hex.length() * 3 / 2);
            for (int i = 0; i < hex.length(); i += 2) {
                if (i > 0) s.append(':');
                s.append(hex, i, i + 2);
            }
            return s.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of our a=fingerprint (RFC 8122 §5): {@code sha-256 AB:CD:...}. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * True when {@code sdpFingerprint} (a party's a=fingerprint value, hash name and hex in any case) names {@code der};
     * only sha-256 is taken (RFC 8827 §6.5: every WebRTC endpoint offers it).
     */
    static boolean matches(String sdpFingerprint, byte[] der) {
        if (sdpFingerprint == null) return false;
        String[] parts = sdpFingerprint.trim().split("\\s+");
        return parts.length == 2
                && parts[0].toLowerCase(Locale.ROOT).equals("sha-256")
                && parts[1].toUpperCase(Locale.ROOT).equals(fingerprintOf(der));
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    Certificate chain() {
        return chain;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }
}
