package org.tandem.pbx.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing a SIP stream by Content-Length (RFC 3261 §18.3), written in every legal way, fed in any pieces. */
class StreamFramingTest {

    final List<String> messages = new ArrayList<>();
    int pings;
    final StreamFraming.Sink sink = new StreamFraming.Sink() {
        @Override
        public void message(byte[] message) {
            messages.add(new String(message, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void ping() {
            pings++;
        }
    };

    static String request(String contentLengthHeader, String body) {
        return "MESSAGE sip:101@tandem.test SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK1\r\n"
                + "Call-ID: c1\r\nCSeq: 1 MESSAGE\r\n" + contentLengthHeader + "\r\n\r\n" + body;
    }

    void feed(StreamFraming f, String s) throws Exception {
        f.feed(s.getBytes(StandardCharsets.ISO_8859_1), sink);
    }

    @Test
    void contentLengthWithSpaceBeforeTheColonOrCompactOrLowerCase() throws Exception {
        StreamFraming f = new StreamFraming(65_535);
        for (String h : List.of("Content-Length   : 5", "l: 5", "content-length:5", "CONTENT-LENGTH :\t5")) {
            feed(f, request(h, "hello") + request("l: 0", ""));
        }
        assertThat(messages).hasSize(8);
        assertThat(messages.get(0)).endsWith("\r\n\r\nhello");
        assertThat(messages.get(1)).endsWith("\r\n\r\n").startsWith("MESSAGE");
    }

    @Test
    void aMessageFedOneByteAtATimeIsFramedOnce() throws Exception {
        StreamFraming f = new StreamFraming(65_535);
        for (char c : request("Content-Length: 3", "abc").toCharArray()) feed(f, String.valueOf(c));
        feed(f, "\r\n\r\n"); // a ping comes in one piece (a lone CRLF at the end of a read is a pong)
        for (char c : request("Content-Length: 0", "").toCharArray()) feed(f, String.valueOf(c));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).endsWith("abc");
        assertThat(pings).isEqualTo(1);
        assertThat(f.pending()).isZero();
    }

    @Test
    void pingsAreAnsweredAndPongsIgnored() throws Exception {
        StreamFraming f = new StreamFraming(65_535);
        feed(f, "\r\n\r\n");
        feed(f, "\r\n"); // a pong to our keepalive
        feed(f, "\r\n"); // and another one: no ping
        feed(f, request("Content-Length: 0", ""));
        assertThat(pings).isEqualTo(1);
        assertThat(messages).hasSize(1);
    }

    @Test
    void keepalivesNeverUseUpTheMessageSize() throws Exception {
        StreamFraming f = new StreamFraming(1_000);
        for (int i = 0; i < 10_000; i++) feed(f, "\r\n\r\n");
        feed(f, request("Content-Length: 0", ""));
        assertThat(pings).isEqualTo(10_000);
        assertThat(messages).hasSize(1);
    }

    @Test
    void unframeableStreamsAreRefused() {
        assertThatThrownBy(() -> feed(new StreamFraming(65_535), request("Content-Length: x1", "")))
                .isInstanceOf(StreamFraming.FramingException.class)
                .hasMessageContaining("unreadable Content-Length");
        assertThatThrownBy(() -> feed(new StreamFraming(65_535), request("Content-Length: 1\r\nl: 2", "ab")))
                .isInstanceOf(StreamFraming.FramingException.class)
                .hasMessageContaining("two different");
        assertThatThrownBy(() -> feed(new StreamFraming(500), request("Content-Length: 100000", "")))
                .isInstanceOf(StreamFraming.FramingException.class)
                .hasMessageContaining("larger than 500");
        assertThatThrownBy(() -> feed(new StreamFraming(500), "X".repeat(600)))
                .isInstanceOf(StreamFraming.FramingException.class)
                .hasMessageContaining("no end of the header");
    }
}
