package org.tandem.pbx.sip;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The one TLS policy of the appliance, for every TLS port it serves or opens: SIP-TLS, HTTPS (UI, API,
 * provisioning) and TLS to trunk providers (issue 22, finding 9).
 *
 * <p>TLS 1.3 and TLS 1.2 only (RFC 8996 deprecates 1.0 and 1.1; RFC 9325 §3.1.1). In TLS 1.2 only
 * ephemeral ECDHE key exchange (forward secrecy, RFC 9325 §4.1) with AEAD ciphers (AES-GCM, ChaCha20-Poly1305;
 * RFC 9325 §4.2): no static-RSA key transport, no CBC, no SHA-1 MAC. This is Mozilla's "intermediate"
 * profile: every desk phone with firmware from the last decade offers at least one of these.
 */
public final class TlsPolicy {

    /** Newest first: the server prefers TLS 1.3. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Server preference order: TLS 1.3 suites, then ECDHE + AEAD for TLS 1.2 (ECDSA and RSA certificates). */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {}

    /**
     * {@link #CIPHER_SUITES} that this JVM implements, in the same order. Naming one it lacks makes
     * {@code SSLSocket.setEnabledCipherSuites} throw, and JAIN-SIP would then log and drop every connection.
     */
    public static List<String> cipherSuites() {
        try {
            Set<String> supported =
                    Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            List<String> usable =
                    CIPHER_SUITES.stream().filter(supported::contains).toList();
            if (usable.isEmpty()) {
                throw new IllegalStateException(
                        "This Java runtime supports none of the TLS cipher suites Tandem allows " + CIPHER_SUITES
                                + "; run Tandem on Java 17 or newer");
            }
            return usable;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no TLS implementation: " + e.getMessage(), e);
        }
    }

    /** {@link #PROTOCOLS} this JVM implements (TLS 1.3 needs Java 11+). */
    public static List<String> protocols() {
        try {
            List<String> supported = Arrays.asList(
                    SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
            return PROTOCOLS.stream().filter(supported::contains).toList();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no TLS implementation: " + e.getMessage(), e);
        }
    }

    /** True if {@code suite} (a JSSE/IANA name) is one the policy allows. */
    public static boolean allows(String suite) {
        return CIPHER_SUITES.contains(suite);
    }
}
