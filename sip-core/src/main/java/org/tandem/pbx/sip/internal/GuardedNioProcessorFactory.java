package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Properties;
import javax.sip.ListeningPoint;
import org.tandem.pbx.sip.DatagramShortcut;
import org.tandem.pbx.sip.SipConnectionProperties;
import org.tandem.pbx.sip.SipWebSocketPorts;
import org.tandem.pbx.sip.WebSocketConnection;
import org.tandem.pbx.sip.WebSocketFlow;

/**
 * jain-sip's {@code MESSAGE_PROCESSOR_FACTORY} for the appliance (issue 22 finding 7): TCP and TLS on jain-sip's
 * NIO processors, so that a connection costs a socket and a buffer, not a thread, with our framing
 * ({@link StreamFraming}) and {@link ConnectionLimits}; UDP with one receive buffer ({@link UdpReceiver}). jain-sip builds one factory per
 * stack by its class name; the limits come from the stack's properties ({@link #PREFIX}{@code max-total}, ...),
 * put there by {@code SipTransports}.
 */
public final class GuardedNioProcessorFactory implements MessageProcessorFactory {

    public static final String PREFIX = "org.tandem.sip.connections.";

    private final MessageProcessorFactory stock = new NioMessageProcessorFactory();
    private ConnectionLimits limits;

    /** The stack properties carrying {@code limits}. */
    public static void configure(Properties stackProperties, SipConnectionProperties limits) {
        stackProperties.setProperty(PREFIX + "max-total", Integer.toString(limits.maxTotal()));
        stackProperties.setProperty(PREFIX + "max-per-source", Integer.toString(limits.maxPerSource()));
        stackProperties.setProperty(
                PREFIX + "first-message-timeout-ms",
                Long.toString(limits.firstMessageTimeout().toMillis()));
    }

    /**
     * Whether {@code processor} holds an open connection with {@code address:port}; true (unknown) for processors
     * that are not ours (UDP, jain-sip's blocking I/O).
     */
    public static boolean connectionOpen(MessageProcessor processor, String address, int port) {
        if (processor instanceof GuardedTcpProcessor tcp) return tcp.connected(address, port);
        if (processor instanceof GuardedTlsProcessor tls) return tls.connected(address, port);
        if (processor instanceof WebSocketProcessor ws) return ws.connected(address, port);
        return true;
    }

    /**
     * Makes {@code processor} (the stack's UDP one) try {@code shortcut} on every datagram before the stack parses it;
     * false for processors that are not ours.
     */
    public static boolean shortcutDatagrams(MessageProcessor processor, DatagramShortcut shortcut) {
        if (!(processor instanceof UdpReceiver udp)) return false;
        udp.shortcut(shortcut);
        return true;
    }

    /**
     * Hands a WebSocket connection the web server accepted to {@code processor} (the stack's WS or WSS transport).
     *
     * @return the flow to feed with the connection's messages; null when the connection limits refuse it or the
     *         processor is not a WebSocket one (the caller closes the connection)
     */
    public static WebSocketFlow openWebSocket(MessageProcessor processor, WebSocketConnection connection) {
        return processor instanceof WebSocketProcessor ws ? ws.open(connection) : null;
    }

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        if (ListeningPoint.TCP.equalsIgnoreCase(transport)) {
            return new GuardedTcpProcessor(address, stack, port, limits(stack));
        }
        if (ListeningPoint.TLS.equalsIgnoreCase(transport)) {
            return new GuardedTlsProcessor(address, stack, port, limits(stack));
        }
        if (SipWebSocketPorts.WS.equalsIgnoreCase(transport) || SipWebSocketPorts.WSS.equalsIgnoreCase(transport)) {
            // RFC 7118: the web server accepts the connections (on its HTTP(S) port, path /ws); no socket of ours
            return new WebSocketProcessor(address, stack, port, transport, limits(stack));
        }
        if (ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            return new UdpReceiver(address, stack, port);
        }
        return stock.createMessageProcessor(stack, address, port, transport);
    }

    private synchronized ConnectionLimits limits(SIPTransactionStack stack) {
        if (limits == null) {
            Properties p = stack instanceof SipStackImpl s ? s.getConfigurationProperties() : new Properties();
            limits = new ConnectionLimits(new SipConnectionProperties(
                    Integer.parseInt(p.getProperty(PREFIX + "max-total", "0")),
                    Integer.parseInt(p.getProperty(PREFIX + "max-per-source", "0")),
                    Duration.ofMillis(Long.parseLong(p.getProperty(PREFIX + "first-message-timeout-ms", "0"))),
                    null,
                    null));
        }
        return limits;
    }
}
