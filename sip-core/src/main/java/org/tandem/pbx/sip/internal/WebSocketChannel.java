package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.WebSocketConnection;
import org.tandem.pbx.sip.WebSocketFlow;

/**
 * One SIP WebSocket connection (RFC 7118) as a jain-sip message channel. Each WebSocket message is one SIP message
 * (§5.1): parsed whole by the stack's parser and handed to the stack, which sets {@code received}/{@code rport} on
 * the top Via from the connection's address (the client's Via names a {@code .invalid} host, §5.2) and answers on
 * this channel. Counted in a {@link ConnectionSlot} like an accepted TCP/TLS connection.
 */
final class WebSocketChannel extends ConnectionOrientedMessageChannel implements WebSocketFlow {

    private static final Logger log = LoggerFactory.getLogger(WebSocketChannel.class);

    private final WebSocketProcessor processor;
    private final WebSocketConnection connection;
    private final ConnectionSlot slot;
    private final MessageParser parser;
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketChannel(WebSocketProcessor processor, WebSocketConnection connection, ConnectionSlot slot) {
        super(processor.getSIPStack());
        this.processor = processor;
        this.connection = connection;
        this.slot = slot;
        this.messageProcessor = processor;
        this.peerAddress = connection.remote().getAddress();
        this.peerPort = connection.remote().getPort();
        this.peerProtocol = processor.getTransport();
        this.myAddress = processor.getIpAddress().getHostAddress();
        this.myPort = processor.getPort();
        this.parser = sipStack.getMessageParserFactory().createMessageParser(sipStack);
        slot.attach(this);
    }

    @Override
    public void received(String message) {
        received(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void received(byte[] message) {
        if (closed.get()) return;
        SIPMessage parsed;
        try {
            parsed = parser.parseSIPMessage(message, true, false, this);
        } catch (ParseException e) {
            log.info(
                    "SIP {} message from {}:{} not parsed: {}",
                    getTransport(),
                    getPeerAddress(),
                    peerPort,
                    e.getMessage());
            return;
        }
        if (parsed == null) return; // a keepalive (CRLF) some clients send
        slot.messageSeen();
        try {
            processMessage(parsed);
        } catch (Exception e) {
            log.warn("SIP {} message from {}:{} not processed", getTransport(), getPeerAddress(), peerPort, e);
        }
    }

    @Override
    public void closed() {
        release();
    }

    /** jain-sip's heartbeat (a "null request", CRLF CRLF on TCP) is a WebSocket ping here. */
    @Override
    public void sendMessage(SIPMessage message) throws IOException {
        if (message instanceof SIPRequest r && r.isNullRequest()) {
            connection.ping();
            return;
        }
        super.sendMessage(message);
    }

    @Override
    protected void sendMessage(byte[] message, boolean retry) throws IOException {
        if (closed.get())
            throw new IOException(
                    getTransport() + " connection to " + getPeerAddress() + ":" + peerPort + " is closed");
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message))
                    .toString();
            connection.sendText(text);
        } catch (CharacterCodingException binaryBody) {
            connection.sendBinary(message);
        }
    }

    @Override
    protected void sendMessage(byte[] message, InetAddress receiver, int receiverPort, boolean retry)
            throws IOException {
        if (!peerAddress.equals(receiver) || peerPort != receiverPort) {
            throw new IOException("a " + getTransport() + " connection only reaches its own client " + getPeerAddress()
                    + ":" + peerPort + ", not " + receiver.getHostAddress() + ":" + receiverPort);
        }
        sendMessage(message, retry);
    }

    /** RFC 5626 §4.4.1's CRLF pong has no place on a WebSocket (RFC 7118 §6: pings are WebSocket frames). */
    @Override
    public void sendSingleCLRF() {
        // nothing
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        if (closed.get()) return;
        connection.close("SIP connection closed");
        release();
    }

    private void release() {
        if (closed.getAndSet(true)) return;
        processor.closed(this);
        slot.release();
    }

    InetAddress getPeerInetAddressOf() {
        return peerAddress;
    }

    @Override
    public String getTransport() {
        return processor.getTransport();
    }

    @Override
    public boolean isSecure() {
        return processor.isSecure();
    }

    /**
     * A header the parser could not read: fatal for the headers a transaction needs (the message is dropped, as in
     * jain-sip's stream channels), otherwise that header is left out.
     */
    @Override
    public void handleException(ParseException e, SIPMessage message, Class headerClass, String header, String text)
            throws ParseException {
        if (headerClass != null
                && (headerClass.equals(From.class)
                        || headerClass.equals(To.class)
                        || headerClass.equals(CSeq.class)
                        || headerClass.equals(Via.class)
                        || headerClass.equals(CallID.class)
                        || headerClass.equals(ContentLength.class)
                        || headerClass.equals(RequestLine.class)
                        || headerClass.equals(StatusLine.class))) {
            throw e;
        }
    }
}
