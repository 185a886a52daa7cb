package org.tandem.jainsip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.SipStack;

/**
 * jain-sip's own parser (the stack's {@code MESSAGE_PARSER_FACTORY}), counting how often each stack parses the
 * requests of each Call-ID: on arrival, and whenever the stack parses a request again from the bytes it kept.
 * jain-sip makes one instance per stack by its class name, hence the shared table.
 */
public class CountingParserFactory extends StringMsgParserFactory {

    private static final Map<String, AtomicInteger> REQUEST_PARSES = new ConcurrentHashMap<>();

    /** How often the stack named {@code stackName} has parsed a request of this Call-ID so far. */
    public static int requestParses(String stackName, String callId) {
        AtomicInteger n = REQUEST_PARSES.get(stackName + " " + callId);
        return n == null ? 0 : n.get();
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = super.createMessageParser(stack);
        String stackName = ((SipStack) stack).getStackName();
        return (bytes, readBody, strict, listener) -> {
            SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
            if (message instanceof SIPRequest request && request.getCallId() != null) {
                REQUEST_PARSES
                        .computeIfAbsent(stackName + " " + request.getCallId().getCallId(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            return message;
        };
    }
}
