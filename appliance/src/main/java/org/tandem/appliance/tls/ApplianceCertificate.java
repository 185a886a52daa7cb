package org.tandem.appliance.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.tandem.pbx.sip.SipProperties;

/**
 * The appliance certificate: the one server certificate of SIP-TLS and HTTPS. It is the keystore set in
 * {@code tandem.sip.tls-keystore} when there is one, else {@code <data-dir>/tls/sip.p12} — self-signed at first
 * start, replaced by an uploaded certificate ({@link CertificateInstaller}). HTTPS picks a new one up at once,
 * SIP-TLS at the next start (JAIN-SIP builds its TLS context once).
 */
@Component
public class ApplianceCertificate {

    /** The type of {@link #serverKeyStore()}; Tomcat's connector must be told it. */
    static final String SERVER_STORE_TYPE = "JKS";

    private final SipProperties sip;
    private final SelfSignedSipKeystore generated;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Asked on every HTTPS response (HSTS): reading the keystore each time would cost a key derivation. */
    private volatile Boolean selfSignedKnown;
    /** The keystore as read at start or after the last change; null until needed. */
    private KeyStore store;

    ApplianceCertificate(SipProperties sip, SelfSignedSipKeystore selfSigned) {
        this.sip = sip;
        this.generated = selfSigned;
    }

    /** True when the admin pinned a keystore in the configuration file: then it is not replaced from the UI/API. */
    public boolean configuredInFile() {
        return sip.tlsKeystore() != null && !sip.tlsKeystore().isBlank();
    }

    public Path keystore() {
        return configuredInFile() ? Path.of(sip.tlsKeystore()) : generated.path();
    }

    public String password() {
        if (configuredInFile()) return sip.tlsKeystorePassword() == null ? "" : sip.tlsKeystorePassword();
        return generated.password();
    }

    /**
     * The keystore, read once per certificate: each read of the PKCS#12 file derives its keys with 10,000 PBKDF2
     * rounds, and at start it was read five times (issue 23, cold start).
     */
    synchronized KeyStore keyStore() {
        if (store == null) store = configuredInFile() ? readConfigured() : generated.read();
        return store;
    }

    private KeyStore readConfigured() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore())) {
                ks.load(in, password().toCharArray());
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    /** The chain presented to clients, server certificate first. */
    public List<X509Certificate> chain() {
        try {
            KeyStore ks = keyStore();
            Certificate[] chain = ks.getCertificateChain(keyAlias(ks));
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    /**
     * The key and chain in an in-memory JKS store under {@link #password()}, for Tomcat's HTTPS connector. Tomcat
     * takes the key out of the store it is given, puts it into a new store of the same type and makes its key
     * manager from that: with PKCS#12 each of these steps is another 10,000-round key derivation, with JKS a few
     * hashes. The store never leaves memory.
     */
    synchronized KeyStore serverKeyStore() {
        try {
            KeyStore file = keyStore();
            String alias = keyAlias(file);
            char[] secret = password().toCharArray();
            KeyStore memory = KeyStore.getInstance(SERVER_STORE_TYPE);
            memory.load(null, null);
            memory.setKeyEntry(alias, file.getKey(alias, secret), secret, file.getCertificateChain(alias));
            return memory;
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    private String keyAlias(KeyStore ks) throws KeyStoreException {
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) return alias;
        }
        throw new IllegalStateException("The keystore " + keystore() + " holds no private key with a certificate");
    }

    private IllegalStateException unreadable(Exception e) {
        return new IllegalStateException(
                "Cannot read the appliance certificate from " + keystore() + ": " + e.getMessage(), e);
    }

    /**
     * Whether the certificate is its own issuer (the one made at first start, or any other self-signed one).
     * Browsers make people click through a warning for it, so HSTS (which forbids that) waits for a real one.
     */
    public boolean selfSigned() {
        Boolean known = selfSignedKnown;
        if (known == null) selfSignedKnown = known = isSelfSigned(chain().get(0));
        return known;
    }

    private static boolean isSelfSigned(X509Certificate leaf) {
        if (!leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) return false;
        try {
            leaf.verify(leaf.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code listener} runs after a new certificate was installed. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void changed() {
        synchronized (this) {
            store = null;
        }
        selfSignedKnown = null;
        listeners.forEach(Runnable::run);
    }
}
