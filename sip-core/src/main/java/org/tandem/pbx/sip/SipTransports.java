package org.tandem.pbx.sip;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
            stack = factory.createSipStack(
                    StackProperties.of(props, connections, tlsEnabled() ? tlsKeystore : null, tlsKeystorePassword));
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
