package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of one SIP TCP/TLS connection: bytes in, framed by {@link StreamFraming}, parsed by the
 * stack's parser (ours, {@code DefectFlaggingParserFactory}), handed to the channel in arrival order on its
 * selector thread. A refused connection (no slot) delivers nothing while it is being closed.
 */
final class FramedDelivery implements StreamFraming.Sink {

    private static final Logger log = LoggerFactory.getLogger(FramedDelivery.class);

    private final ConnectionOrientedMessageChannel channel;
    private final ConnectionSlot slot;
    private final boolean refused;
    private final StreamFraming framing;
    private final MessageParser parser;

    /** @param slot the connection's slot; null for an outbound connection (not counted) */
    FramedDelivery(ConnectionOrientedMessageChannel channel, ConnectionSlot slot, boolean refused) {
        this.channel = channel;
        this.slot = slot;
        this.refused = refused;
        this.framing = new StreamFraming(
                channel.getSIPStack().getMaxMessageSize() > 0
                        ? channel.getSIPStack().getMaxMessageSize()
                        : 65_535);
        this.parser = channel.getSIPStack().getMessageParserFactory().createMessageParser(channel.getSIPStack());
        if (slot != null) slot.attach(channel);
    }

    void bytes(byte[] bytes) {
        if (refused) return;
        try {
            framing.feed(bytes, this);
        } catch (StreamFraming.FramingException e) {
            log.info(
                    "SIP {} connection from {}:{} closed: {}",
                    channel.getTransport(),
                    channel.getPeerAddress(),
                    channel.getPeerPort(),
                    e.getMessage());
            channel.close();
        } catch (Exception e) {
            log.warn(
                    "SIP {} connection from {}:{}: message not processed",
                    channel.getTransport(),
                    channel.getPeerAddress(),
                    channel.getPeerPort(),
                    e);
        }
    }

    @Override
    public void message(byte[] message) {
        SIPMessage parsed;
        try {
            // the channel hears of bad headers as in jain-sip's own stream parser: 400 for a broken request
            parsed = parser.parseSIPMessage(message, true, false, channel);
        } catch (ParseException e) {
            return; // logged with its source by the parser; the framing is intact, the connection goes on
        }
        if (parsed == null) return;
        if (slot != null) slot.messageSeen();
        try {
            channel.processMessage(parsed);
        } catch (Exception e) {
            log.warn(
                    "SIP {} message from {}:{} not processed",
                    channel.getTransport(),
                    channel.getPeerAddress(),
                    channel.getPeerPort(),
                    e);
        }
    }

    @Override
    public void ping() throws Exception {
        channel.sendSingleCLRF(); // RFC 5626 §4.4.1: the pong is one CRLF
    }

    void closed() {
        if (slot != null) slot.release();
    }
}
