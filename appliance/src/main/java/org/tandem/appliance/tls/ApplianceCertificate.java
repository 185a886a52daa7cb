package org.tandem.appliance.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTlsKeystore;

/**
 * The appliance certificate: the one server certificate of SIP-TLS and HTTPS. It is the keystore set in
 * {@code tandem.sip.tls-keystore} when there is one, else {@code <data-dir>/tls/sip.p12} — self-signed at first
 * start, replaced by an uploaded certificate ({@link CertificateInstaller}). HTTPS picks a new one up at once,
 * SIP-TLS at the next start (JAIN-SIP builds its TLS context once).
 */
@Component
public class ApplianceCertificate {

    private final SipProperties sip;
    private final ObjectProvider<SipTlsKeystore> generated;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Asked on every HTTPS response (HSTS): reading the keystore each time would cost a key derivation. */
    private volatile Boolean selfSignedKnown;

    ApplianceCertificate(SipProperties sip, ObjectProvider<SipTlsKeystore> selfSigned) {
        this.sip = sip;
        this.generated = selfSigned;
    }

    /** True when the admin pinned a keystore in the configuration file: then it is not replaced from the UI/API. */
    public boolean configuredInFile() {
        return sip.tlsKeystore() != null && !sip.tlsKeystore().isBlank();
    }

    public Path keystore() {
        return configuredInFile() ? Path.of(sip.tlsKeystore()) : generated.getObject().path();
    }

    public String password() {
        if (configuredInFile()) return sip.tlsKeystorePassword() == null ? "" : sip.tlsKeystorePassword();
        return generated.getObject().password();
    }

    /** The chain presented to clients, server certificate first. */
    public List<X509Certificate> chain() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore())) {
                ks.load(in, password().toCharArray());
            }
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) continue;
                Certificate[] chain = ks.getCertificateChain(alias);
                return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            }
            throw new IllegalStateException("The keystore " + keystore() + " holds no private key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the appliance certificate from " + keystore() + ": "
                    + e.getMessage(), e);
        }
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
        selfSignedKnown = null;
        listeners.forEach(Runnable::run);
    }
}
