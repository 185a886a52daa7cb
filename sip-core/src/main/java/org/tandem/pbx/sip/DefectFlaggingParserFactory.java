package org.tandem.pbx.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jain-sip's parser, plus what it throws away: a second Call-ID, CSeq, From, To, Max-Forwards or
 * Content-Length is silently dropped after parsing, so a message that RFC 3261 §7.3.1 makes invalid
 * (RFC 4475 §3.3.8 multi01, §3.3.9 mcl01) would be served on its first values. The raw header section is
 * scanned here, and a defect is attached to the parsed message as its application data; the dispatcher
 * answers such requests 400 ({@link RequestSanity}). Messages that do not parse are logged with their
 * source, where the stack tells us it (datagrams).
 */
public class DefectFlaggingParserFactory implements MessageParserFactory {

    private static final Logger log = LoggerFactory.getLogger(DefectFlaggingParserFactory.class);
    private static final StringMsgParser PARSER = new StringMsgParser(); // stateless, shared (as jain-sip does)
    private static final MessageParser FLAGGING = DefectFlaggingParserFactory::parse;

    /** Header names (long and compact, lower case) that may appear once only, and the name each reports. */
    private static final String[] NAMES = {
        "call-id", "i", "cseq", "from", "f", "to", "t", "max-forwards", "content-length", "l"
    };

    private static final String[] CANONICAL = {
        "Call-ID", "Call-ID", "CSeq", "From", "From", "To", "To", "Max-Forwards", "Content-Length", "Content-Length"
    };
    /** One bit per distinct canonical header: a long and a compact form of one header count as the same. */
    private static final int[] CANONICAL_INDEX = {0, 0, 1, 2, 2, 3, 3, 4, 5, 5};

    /** A defect found in the raw text of a message that nonetheless parsed, and the status it earns. */
    public record Defect(int status, String reason) {}

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return FLAGGING;
    }

    private static SIPMessage parse(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SIPMessage message;
        try {
            message = PARSER.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException | RuntimeException e) {
            if (listener instanceof MessageChannel channel) {
                log.info(
                        "Malformed SIP message from {}:{}/{} dropped or answered 400: {}",
                        channel.getPeerAddress(),
                        channel.getPeerPort(),
                        channel.getTransport(),
                        e.getMessage());
            }
            throw e instanceof ParseException pe ? pe : new ParseException(String.valueOf(e.getMessage()), 0);
        }
        if (message != null) {
            String version = requestVersion(bytes);
            String duplicate = duplicateSingleHeader(bytes);
            if (version != null && !"SIP/2.0".equalsIgnoreCase(version)) {
                // jain-sip's parser builds an "Expecting SIP/2.0" exception but never throws it, and
                // records SIP/2.0 whatever was sent (RFC 4475 §3.1.2.16 badvers): 505, RFC 3261 §21.5.7
                message.setApplicationData(new Defect(505, "Version Not Supported: " + version));
            } else if (duplicate != null) {
                message.setApplicationData(new Defect(400, "Bad Request: more than one " + duplicate + " header"));
            }
        }
        return message;
    }

    /** The last token of a request's start line (its SIP version), or null for a response. */
    static String requestVersion(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') end++;
        String line = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).strip();
        if (line.regionMatches(true, 0, "SIP/", 0, 4)) return null;
        int space = line.lastIndexOf(' ');
        return space < 0 ? null : line.substring(space + 1);
    }

    /**
     * The first single-instance header that appears twice in the header section, or null. Compares the raw bytes
     * with the names, allocating nothing: it runs on every message, on the one UDP parsing thread (issue 23).
     */
    static String duplicateSingleHeader(byte[] bytes) {
        int seen = 0; // bit per canonical name
        int i = 0;
        int n = bytes.length;
        // skip the start line
        while (i < n && bytes[i] != '\n') i++;
        i++;
        while (i < n) {
            if (bytes[i] == '\r' || bytes[i] == '\n') return null; // end of headers
            int lineStart = i;
            while (i < n && bytes[i] != '\n') i++;
            i++;
            byte first = bytes[lineStart];
            if (first == ' ' || first == '\t') continue; // folded continuation of the previous header
            int colon = lineStart;
            while (colon < i && colon < n && bytes[colon] != ':') colon++;
            if (colon >= n || colon >= i) continue;
            int end = colon;
            while (end > lineStart && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) end--;
            int single = singleInstance(bytes, lineStart, end);
            if (single < 0) continue;
            int bit = 1 << CANONICAL_INDEX[single];
            if ((seen & bit) != 0) return CANONICAL[single];
            seen |= bit;
        }
        return null;
    }

    /** Index into {@link #NAMES} of the header name in {@code bytes[start, end)}, or -1. */
    private static int singleInstance(byte[] bytes, int start, int end) {
        int length = end - start;
        for (int k = 0; k < NAMES.length; k++) {
            String name = NAMES[k];
            if (name.length() != length) continue;
            int j = 0;
            while (j < length && Character.toLowerCase((char) (bytes[start + j] & 0xff)) == name.charAt(j)) j++;
            if (j == length) return k;
        }
        return -1;
    }
}
