package org.tandem.pbx.sip;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.tandem.pbx.sip.internal.GuardedNioProcessorFactory;

/** The jain-sip configuration the appliance's one stack runs with ({@link SipTransports}), each choice with its why. */
final class StackProperties {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private StackProperties() {}

    /**
     * @param tlsKeystore the PKCS#12 key store of the TLS port; null when TLS is off
     */
    static Properties of(
            SipProperties props, SipConnectionProperties connections, String tlsKeystore, String tlsKeystorePassword) {
        Properties p = new Properties();
        // jain-sip keeps one stack per name for the whole JVM and hands a stopped one back on the next
        // createSipStack with that name: a name per instance makes a restart a real restart.
        p.setProperty("javax.sip.STACK_NAME", "tandem-" + INSTANCES.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", NextHopRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // One thread parses and delivers each UDP socket's datagrams, in the order they arrived (issue 23): with
        // two or more, two datagrams of one Call-ID sent back to back (a 180 and its 200, an ACK and its BYE) were
        // parsed side by side and reached the Call-ID's stripe swapped now and then, and the late 180 or ACK was
        // lost (MessageOrderIT). The thread only parses and hands over to the stripes (SipDispatcher), so one keeps up;
        // TCP, TLS and WebSocket flows are read in order by their own connection's framing already.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(props.maxMessageSize()));
        // TCP/TLS on jain-sip's NIO processors: one selector thread per transport, not a thread per connection
        // (issue 22 finding 7: 1,000 idle connections cost 2,000 threads with the blocking ones). jain-sip's NIO
        // framing reads Content-Length naively ("Content-Length   : 150", legal by RFC 3261 §7.3.1, drops the
        // connection; the compact "l:" is not seen, RFC 4475 §3.1.1.1), so ours frames the stream instead, and
        // limits connections per source and in total and closes those that send no SIP message in time.
        if (connections.blocking()) {
            // tandem.sip.connections.io=blocking: a thread per connection, no connection limits
            p.setProperty(
                    "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                    "gov.nist.javax.sip.stack.OIOMessageProcessorFactory");
        } else {
            p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", GuardedNioProcessorFactory.class.getName());
        }
        GuardedNioProcessorFactory.configure(p, connections);
        // connections without any traffic (keepalives count) for this long are closed by jain-sip's auditor
        p.setProperty(
                "gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME",
                Long.toString(connections.idleTimeout().toMillis()));
        // outbound connects (trunks) block the calling thread up to the connect timeout, as with the blocking I/O
        p.setProperty("gov.nist.javax.sip.NIO_BLOCKING_MODE", "BLOCKING");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", DefectFlaggingParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // A server transaction waits 32 s after its final response over UDP (Timer J, RFC 3261 §17.2.2) to absorb
        // retransmissions; by default jain-sip keeps the whole parsed request and response for that time (about
        // 6 KB a REGISTER). "Normal" keeps only what matching and retransmitting need (the response as bytes): at
        // 4,000 REGISTERs/s the retained heap fell from ~650 MB to ~200 MB and with it the full collections that
        // stalled calls for up to a second (issue 23, bench/RESULTS.md).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "50000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "50000");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
        // RFC 3581 §4: we add received/rport to the top Via of requests ourselves; the stack does it too.
        if (tlsKeystore != null) {
            p.setProperty("javax.net.ssl.keyStore", tlsKeystore);
            p.setProperty("javax.net.ssl.keyStorePassword", tlsKeystorePassword);
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            // Without a trust store of its own jain-sip trusts only our own certificate, so TLS to a provider
            // could never be verified: trust the public CAs this Java runtime trusts (issue 22, finding 9).
            TrustedAuthorities cas = TrustedAuthorities.ofThisRuntime();
            p.setProperty("javax.net.ssl.trustStore", cas.path().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", cas.password());
            p.setProperty("javax.net.ssl.trustStoreType", TrustedAuthorities.TYPE);
            // jain-sip's defaults are TLSv1.2, 1.1, 1.0 and a suite list of which Java only still implements
            // TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy). It sets both lists on every server and client
            // socket it makes (TLSMessageProcessor, IOHandler): one policy for SIP-TLS, see TlsPolicy.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", TlsPolicy.protocols()));
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", TlsPolicy.cipherSuites()));
            // RFC 5922 §7.2: a TLS connection we open is to the host of the URI we send to, checked in the certificate.
            // On NIO our channel checks it when the handshake ends (ServerIdentityCheck): jain-sip would call the
            // policy there too, but hands it a transaction without the peer's certificates (client auth is off).
            if (connections.blocking()) {
                p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", ServerIdentityPolicy.class.getName());
            }
        }
        return p;
    }
}
