package org.tandem.pbx.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tandem.media.host.HostAddress;
import org.tandem.pbx.sip.internal.GuardedNioProcessorFactory;

/**
 * The one JAIN-SIP stack of the appliance: UDP and TCP on {@code tandem.sip.port}, TLS on
 * {@code tandem.sip.tls-port}, SIP over WebSocket (RFC 7118, WS and WSS) from the web server's {@code /ws} when the
 * appliance provides {@link SipWebSocketPorts}, all on a single {@link SipProvider}. Transactions are kept by the
 * stack (stateful proxy, RFC 3261 §16); dialogs are not (AUTOMATIC_DIALOG_SUPPORT=off) because a
 * proxy is not a dialog endpoint.
 */
public class SipTransports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SipTransports.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipProperties props;
    private final SipConnectionProperties connections;
    private final SipListener listener;
    private volatile SipStack stack;
    private volatile SipProvider provider;
    private volatile AddressFactory addressFactory;
    private volatile HeaderFactory headerFactory;
    private volatile MessageFactory messageFactory;
    private volatile boolean running;
    /** the configured or bound host, or null to follow the host's current address ({@link #advertisedHost()}) */
    private final String fixedHost;

    private volatile HostAddress hostAddress;

    private final String tlsKeystore;
    private final List<DatagramShortcut> shortcuts = new CopyOnWriteArrayList<>();
    private final String tlsKeystorePassword;
    private volatile SipWebSocketPorts webSockets = SipWebSocketPorts.NONE;

    /** With the default connection limits. */
    public SipTransports(SipProperties props, SipListener listener, SipTlsKeystore tls) {
        this(props, SipConnectionProperties.DEFAULTS, listener, tls);
    }

    /** @param tls the certificate to use when {@code tandem.sip.tls-keystore} is unset (may be null) */
    public SipTransports(
            SipProperties props, SipConnectionProperties connections, SipListener listener, SipTlsKeystore tls) {
        this.props = props;
        this.connections = connections;
        this.listener = listener;
        if (props.tlsKeystore() != null && !props.tlsKeystore().isBlank()) {
            this.tlsKeystore = props.tlsKeystore();
            this.tlsKeystorePassword = props.tlsKeystorePassword() == null ? "" : props.tlsKeystorePassword();
        } else if (tls != null && props.tlsPort() > 0) {
            // only when SIP-TLS listens: the first path() makes the self-signed certificate, an RSA key pair that
            // costs one to several seconds of CPU (random prime search) and is of no use without TLS
            this.tlsKeystore = tls.path().toString();
            this.tlsKeystorePassword = tls.password();
        } else {
            this.tlsKeystore = null;
            this.tlsKeystorePassword = null;
        }
        this.fixedHost = fixedHost(props);
        this.hostAddress = fixedHost == null ? HostAddress.detect() : null;
    }

    @Override
    public synchronized void start() {
        if (running) return;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties());
            addressFactory = factory.createAddressFactory();
            headerFactory = factory.createHeaderFactory();
            messageFactory = factory.createMessageFactory();
            ListeningPoint udp = stack.createListeningPoint(props.bindAddress(), props.port(), ListeningPoint.UDP);
            if (udp instanceof ListeningPointImpl impl) {
                GuardedNioProcessorFactory.shortcutDatagrams(impl.getMessageProcessor(), this::shortcut);
            }
            provider = stack.createSipProvider(udp);
            provider.addListeningPoint(
                    stack.createListeningPoint(props.bindAddress(), props.port(), ListeningPoint.TCP));
            if (tlsEnabled()) {
                provider.addListeningPoint(
                        stack.createListeningPoint(props.bindAddress(), props.tlsPort(), ListeningPoint.TLS));
            }
            addWebSocketTransports();
            provider.setAutomaticDialogSupportEnabled(false);
            provider.addSipListener(listener);
            stack.start();
            running = true;
            log.info(
                    "SIP listening on {}:{} (UDP, TCP){}{}, advertised as {}",
                    props.bindAddress(),
                    props.port(),
                    tlsEnabled() ? " and " + props.tlsPort() + " (TLS)" : "",
                    webSocketSummary(),
                    fixedHost != null ? fixedHost : hostAddress.current() + " (the host's address, followed)");
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException(
                    "Cannot start the SIP stack on " + props.bindAddress() + ":" + props.port()
                            + " — is another SIP server using the port? (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Serves the datagrams {@code shortcut} takes before the stack parses them ({@link DatagramShortcut}); before or
     * after {@link #start()}. Only with the NIO connection handling (the default), whose UDP receiver is ours.
     */
    public void addDatagramShortcut(DatagramShortcut shortcut) {
        shortcuts.add(shortcut);
    }

    /**
     * Whether the stack keeps a server transaction for requests with this top Via branch (RFC 3261 §17.2.3: an RFC 3261
     * branch, with the magic cookie, keys the table; an ACK of a non-2xx has its INVITE's). For a {@link
     * DatagramShortcut} that must not take what a transaction expects.
     */
    public boolean hasServerTransaction(String branch) {
        return stack instanceof SIPTransactionStack s
                && s.findTransaction(branch.toLowerCase(Locale.ROOT), true) != null;
    }

    private boolean shortcut(
            byte[] datagram, int length, InetAddress source, int sourcePort, DatagramShortcut.Sender sender) {
        for (DatagramShortcut s : shortcuts) {
            if (s.serve(datagram, length, source, sourcePort, sender)) return true;
        }
        return false;
    }

    /**
     * Follows {@code host} (the one the appliance's watcher keeps current, issue 21) when no address is configured
     * or bound; call before {@link #start()}.
     */
    public SipTransports followingHost(HostAddress host) {
        if (fixedHost == null && host != null) this.hostAddress = host;
        return this;
    }

    /**
     * Serves SIP over WebSocket (RFC 7118) on the web server's ports ({@link SipWebSocketPorts}); call before
     * {@link #start()}. Needs the NIO connection handling (the default): the WS/WSS transports are ours.
     */
    public SipTransports withWebSockets(SipWebSocketPorts ports) {
        this.webSockets = ports == null ? SipWebSocketPorts.NONE : ports;
        return this;
    }

    /** The web server's WebSocket ports this stack names in Via and Record-Route. */
    public SipWebSocketPorts webSocketPorts() {
        return webSockets;
    }

    private void addWebSocketTransports() throws Exception {
        if (connections.blocking()) {
            if (webSockets.ws() > 0 || webSockets.wss() > 0) {
                log.warn("SIP over WebSocket is off: it needs tandem.sip.connections.io=nio");
            }
            return;
        }
        // no socket is opened: the web server accepts the connections and hands them to openWebSocketFlow
        if (webSockets.ws() > 0) {
            provider.addListeningPoint(
                    stack.createListeningPoint(props.bindAddress(), webSockets.ws(), SipWebSocketPorts.WS));
        }
        if (webSockets.wss() > 0) {
            provider.addListeningPoint(
                    stack.createListeningPoint(props.bindAddress(), webSockets.wss(), SipWebSocketPorts.WSS));
        }
    }

    private String webSocketSummary() {
        StringBuilder b = new StringBuilder();
        if (hasTransport(SipWebSocketPorts.WS))
            b.append(", WebSocket ws://:").append(webSockets.ws()).append("/ws");
        if (hasTransport(SipWebSocketPorts.WSS))
            b.append(", wss://:").append(webSockets.wss()).append("/ws");
        return b.toString();
    }

    /**
     * A WebSocket connection the web server accepted (RFC 7118), as a SIP flow of the WS or WSS transport.
     *
     * @return empty when SIP over WebSocket is off or the connection limits ({@code tandem.sip.connections.*})
     *         refuse it: the caller closes the connection
     */
    public Optional<WebSocketFlow> openWebSocketFlow(WebSocketConnection connection) {
        SipProvider p = provider;
        if (p == null) return Optional.empty();
        ListeningPoint lp = p.getListeningPoint(connection.secure() ? SipWebSocketPorts.WSS : SipWebSocketPorts.WS);
        if (!(lp instanceof ListeningPointImpl impl)) return Optional.empty();
        return Optional.ofNullable(GuardedNioProcessorFactory.openWebSocket(impl.getMessageProcessor(), connection));
    }

    private Properties stackProperties() {
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
        if (tlsEnabled()) {
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

    private boolean tlsEnabled() {
        return props.tlsPort() > 0 && tlsKeystore != null;
    }

    @Override
    public synchronized void stop() {
        stopQuietly();
        running = false;
    }

    private void stopQuietly() {
        SipStack s = stack;
        if (s == null) return;
        try {
            if (provider != null) {
                provider.removeSipListener(listener);
                for (ListeningPoint lp : provider.getListeningPoints()) {
                    try {
                        provider.removeListeningPoint(lp);
                        s.deleteListeningPoint(lp);
                    } catch (Exception e) {
                        log.debug("Removing listening point {}", lp, e);
                    }
                }
                s.deleteSipProvider(provider);
            }
        } catch (Exception e) {
            log.debug("SIP provider shutdown", e);
        }
        // stop() also ends jain-sip's non-daemon EventScannerThread (a jain-sip trap: without it the JVM never exits)
        s.stop();
        stack = null;
        provider = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the database and the feature beans, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    public SipProvider provider() {
        return provider;
    }

    public AddressFactory addressFactory() {
        return addressFactory;
    }

    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    public MessageFactory messageFactory() {
        return messageFactory;
    }

    public SipProperties properties() {
        return props;
    }

    /**
     * Host put in our Via, Contact and Record-Route headers (RFC 3261 §18.2.1 sent-by, §8.1.1.8, §16.6 step 4): the
     * configured {@code tandem.sip.advertised-address}, else a non-wildcard bind address, else the host's address as
     * of now, so that a changed or late (DHCP) address is named from the next request on without a restart.
     */
    public String advertisedHost() {
        return fixedHost != null ? fixedHost : hostAddress.current();
    }

    /** True when {@link #advertisedHost()} follows the host's address (nothing configured or bound). */
    public boolean followsHostAddress() {
        return fixedHost == null;
    }

    /** Port we listen on for {@code transport} (udp, tcp, tls, ws, wss; case-insensitive). */
    public int port(String transport) {
        if ("tls".equalsIgnoreCase(transport)) return props.tlsPort();
        if ("ws".equalsIgnoreCase(transport)) return webSockets.ws();
        if ("wss".equalsIgnoreCase(transport)) return webSockets.wss();
        return props.port();
    }

    public boolean hasTransport(String transport) {
        SipProvider p = provider;
        return p != null && p.getListeningPoint(transport.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * RFC 5626 §5.3: whether the TCP/TLS connection of a flow (the address and port a phone connected from) is still
     * open. True for UDP, and where it is unknown (jain-sip's blocking I/O, a stack not running).
     */
    public boolean connectionOpen(String transport, String address, int port) {
        SipProvider p = provider;
        if (transport == null || "udp".equalsIgnoreCase(transport) || p == null || address == null) return true;
        ListeningPoint lp = p.getListeningPoint(transport.toLowerCase(Locale.ROOT));
        return !(lp instanceof ListeningPointImpl impl)
                || GuardedNioProcessorFactory.connectionOpen(impl.getMessageProcessor(), address, port);
    }

    public ListeningPoint listeningPoint(String transport) {
        return provider.getListeningPoint(transport.toLowerCase());
    }

    /** The configured or bound host; null when the host's current address is advertised. */
    static String fixedHost(SipProperties props) {
        if (!props.advertisedAddress().isBlank()) return props.advertisedAddress();
        String bind = props.bindAddress();
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? null : bind;
    }
}
