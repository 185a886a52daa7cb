package org.tandem.jainsip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * One real jain-sip stack on 127.0.0.1 with one listening point, configured as Tandem's sip-core configures its
 * own where it matters here ({@code RELEASE_REFERENCES_STRATEGY=Normal}, re-entrant listener, no automatic
 * dialogs), parsing through {@link CountingParserFactory}. It records the transactions that ended.
 */
final class StackPeer implements SipListener, AutoCloseable {

    static final String HOST = "127.0.0.1";

    final String name;
    final String transport;
    final int port;
    final SipStack stack;
    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final List<Transaction> ended = new CopyOnWriteArrayList<>();
    private volatile Consumer<RequestEvent> onRequest = e -> {};
    private volatile Consumer<ResponseEvent> onResponse = e -> {};

    StackPeer(String role, String transport) throws Exception {
        this.name = role + "-" + System.nanoTime();
        this.transport = transport;
        this.port = freePort();
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", CountingParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = factory.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint(HOST, port, transport);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
    }

    void onRequest(Consumer<RequestEvent> handler) {
        this.onRequest = handler;
    }

    void onResponse(Consumer<ResponseEvent> handler) {
        this.onResponse = handler;
    }

    /** How often this stack has parsed a request of this Call-ID. */
    int requestParses(String callId) {
        return CountingParserFactory.requestParses(name, callId);
    }

    @Override
    public void processRequest(RequestEvent event) {
        onRequest.accept(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // the client transaction's state machine does the work; a test may look on
        onResponse.accept(event);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // none expected: the peers answer at once
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // none expected on loopback
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        ended.add(event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction());
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs (AUTOMATIC_DIALOG_SUPPORT=off)
    }

    @Override
    public void close() {
        stack.stop();
    }

    /** A port of 20000-32767 free on 127.0.0.1 for both UDP and TCP right now (below the ephemeral range). */
    static int freePort() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException inUse) {
                // another program has it: try another
            }
        }
        throw new IllegalStateException("No port of 20000-32767 free for UDP and TCP on 127.0.0.1");
    }
}
