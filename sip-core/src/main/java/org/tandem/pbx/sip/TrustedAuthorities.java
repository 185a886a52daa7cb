package org.tandem.pbx.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities this Java runtime trusts (its cacerts, or {@code javax.net.ssl.trustStore} if
 * the JVM was started with one), written to a file: JAIN-SIP only takes a trust store as a path, type and
 * password, and the runtime's own cacerts may be JKS with an unknown password. The file is JKS: it holds only
 * public certificates, and a PKCS#12 store would encrypt and MAC them with 10,000-round key derivations, once
 * when written and twice more at every read (JAIN-SIP reads it twice), ~0.2 s of each start (issue 23).
 */
record TrustedAuthorities(Path path, String password) {

    /** The type of the file, for {@code javax.net.ssl.trustStoreType}. */
    static final String TYPE = "JKS";

    private static TrustedAuthorities runtime;

    /** Made once per JVM, in a private temporary file removed at exit. */
    static synchronized TrustedAuthorities ofThisRuntime() {
        if (runtime == null) runtime = write();
        return runtime;
    }

    private static TrustedAuthorities write() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            int n = 0;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (!(tm instanceof X509TrustManager x509)) continue;
                for (X509Certificate ca : x509.getAcceptedIssuers()) store.setCertificateEntry("ca-" + n++, ca);
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path file = Files.createTempFile(
                    "tandem-sip-cas",
                    ".jks",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new TrustedAuthorities(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot read the certificate authorities this Java runtime trusts (" + e.getMessage()
                            + "); SIP-TLS to trunk providers needs them: check the Java installation's cacerts",
                    e);
        }
    }
}
