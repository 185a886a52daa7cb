package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import java.lang.reflect.Field;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.tandem.pbx.sip.ServerIdentity;

/**
 * RFC 5922 §7.2 on a TLS connection we open on NIO: the certificate (already verified against the trusted CAs)
 * must name the host we meant to reach. jain-sip calls its {@code TLS_SECURITY_POLICY} (our
 * {@code ServerIdentityPolicy}) only on its blocking I/O, and on NIO hands the peer's certificates to nobody when
 * client authentication is off (as ours is). So the channel asks this when its handshake finishes, and closes the
 * connection on a refusal before any SIP message is written on it: the request fails (a trunk fails over).
 * The session is read from jain-sip's engine, a package-private field (jain-sip 1.3.0-91 has no accessor).
 */
final class ServerIdentityCheck {

    private static final Field STATE_MACHINE = field(NioTlsMessageChannel.class, "sslStateMachine");
    private static final Field ENGINE = field(STATE_MACHINE.getType(), "sslEngine");

    private ServerIdentityCheck() {}

    /** Why the peer of {@code channel}'s finished handshake is not {@code host}, or null when it is. */
    static String refusal(NioTlsMessageChannel channel, String host) {
        SSLSession session;
        try {
            SSLEngine engine = (SSLEngine) ENGINE.get(STATE_MACHINE.get(channel));
            session = engine.getSession();
        } catch (IllegalAccessException | RuntimeException e) {
            return "its certificate could not be read (" + e + ")";
        }
        try {
            return refusal(session.getPeerCertificates(), host);
        } catch (SSLPeerUnverifiedException e) {
            return "it presented no certificate";
        }
    }

    /** Why {@code chain} does not identify {@code host}, or null when it does. */
    static String refusal(Certificate[] chain, String host) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            return "it presented no X.509 certificate";
        }
        return ServerIdentity.matches(cert, host) ? null : "its certificate is for " + ServerIdentity.names(cert);
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("jain-sip changed: " + owner.getName() + "." + name + " is gone; "
                    + "ServerIdentityCheck needs it to check TLS peers on NIO (RFC 5922 §7.2)");
        }
    }
}
