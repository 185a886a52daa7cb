package org.tandem.pbx.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cuts a SIP byte stream (TCP, or TLS once decrypted) into messages by their Content-Length (RFC 3261 §18.3), and
 * finds the RFC 5626 §4.4.1 keepalive pings between them. It replaces jain-sip's NIO framing, which reads
 * Content-Length naively: "Content-Length   : 150" (legal, RFC 3261 §7.3.1 HCOLON) throws and drops the
 * connection, the compact "l:" is not seen at all (the body is then read as the next message: RFC 4475
 * §3.1.1.1), and the message-size budget is never reset by keepalives, so a phone sending CRLF pings for days is
 * eventually cut off. Pure byte logic: one instance per connection, fed from its one selector thread.
 */
final class StreamFraming {

    /** What the stream carried. */
    interface Sink {
        /** One whole message: its header section and exactly Content-Length body bytes. */
        void message(byte[] message) throws Exception;

        /** A CRLFCRLF ping between messages (RFC 5626 §4.4.1): answer with one CRLF. */
        void ping() throws Exception;
    }

    /** The stream cannot be framed (size, or an unreadable Content-Length): the connection must be closed. */
    static final class FramingException extends Exception {
        FramingException(String message) {
            super(message);
        }
    }

    private final int maxMessageSize;
    private byte[] buffer = new byte[0];
    private int length;

    StreamFraming(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Bytes received but not yet a whole message. */
    int pending() {
        return length;
    }

    void feed(byte[] bytes, Sink sink) throws Exception {
        append(bytes);
        while (true) {
            int start = skipBetweenMessages(sink);
            if (start > 0) consume(start);
            if (length == 0) return;
            int headerEnd = headerEnd();
            if (headerEnd < 0) {
                if (length > maxMessageSize) {
                    throw new FramingException("no end of the header section within " + maxMessageSize + " bytes");
                }
                return;
            }
            int body = contentLength(headerEnd);
            long total = (long) headerEnd + body;
            if (total > maxMessageSize) {
                throw new FramingException("message of " + total + " bytes is larger than " + maxMessageSize);
            }
            if (length < total) return;
            byte[] message = Arrays.copyOf(buffer, (int) total);
            consume((int) total);
            sink.message(message);
        }
    }

    /**
     * RFC 3261 §7.5: CRLFs before a start line are ignored; RFC 5626 §4.4.1: CRLFCRLF there is a ping. Returns how
     * many leading bytes were such line ends.
     */
    private int skipBetweenMessages(Sink sink) throws Exception {
        int i = 0;
        while (i < length) {
            if (startsWith(i, "\r\n\r\n")) {
                sink.ping();
                i += 4;
            } else if (startsWith(i, "\r\n")) {
                // a CRLF ending what was read is a pong to our own keepalive (RFC 5626 §4.4.1), consumed at once:
                // two pongs in a row are no ping. "\r\n\r" may still be half a ping.
                if (i + 3 == length && buffer[i + 2] == '\r') break;
                i += 2;
            } else if (buffer[i] == '\n') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Index just past the empty line that ends the header section (CRLF or bare LF line ends), or -1. */
    private int headerEnd() {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] != '\n') continue;
            int contentEnd = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
            if (contentEnd == lineStart) return i + 1;
            lineStart = i + 1;
        }
        return -1;
    }

    /** RFC 3261 §20.14 Content-Length, or its compact form "l" (§7.3.3); absent means 0 (§18.3: else 400 upstream). */
    private int contentLength(int headerEnd) throws FramingException {
        Integer found = null;
        int lineStart = skipLine(0, headerEnd); // the start line
        while (lineStart < headerEnd) {
            int next = skipLine(lineStart, headerEnd);
            byte first = buffer[lineStart];
            if (first != ' ' && first != '\t') {
                String line = new String(buffer, lineStart, next - lineStart, StandardCharsets.ISO_8859_1);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    if (name.equals("content-length") || name.equals("l")) {
                        int value = parseLength(line.substring(colon + 1).strip());
                        if (found != null && found != value) {
                            throw new FramingException("two different Content-Length values");
                        }
                        found = value;
                    }
                }
            }
            lineStart = next;
        }
        return found == null ? 0 : found;
    }

    private int parseLength(String value) throws FramingException {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            throw new FramingException("unreadable Content-Length '" + printable(value) + "'");
        }
        return Integer.parseInt(value);
    }

    private int skipLine(int from, int end) {
        int i = from;
        while (i < end && buffer[i] != '\n') i++;
        return Math.min(i + 1, end);
    }

    private boolean startsWith(int at, String s) {
        if (at + s.length() > length) return false;
        for (int k = 0; k < s.length(); k++) {
            if (buffer[at + k] != s.charAt(k)) return false;
        }
        return true;
    }

    private void append(byte[] bytes) {
        if (length + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(
                    buffer, Math.max(length + bytes.length, Math.min(2 * buffer.length + 256, maxMessageSize + 8192)));
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void consume(int n) {
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
        if (length == 0 && buffer.length > 16_384) buffer = new byte[0]; // an idle phone keeps no big buffer
    }

    private static String printable(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
