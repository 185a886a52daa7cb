package org.tandem.media.internal;

import java.util.function.Consumer;

/**
 * RFC 4733 telephone-event receiver: one digit per event, however often the event is reported.
 *
 * <p>An event is identified by its RTP timestamp (RFC 4733 §2.5.1.1: all reports of one event carry
 * the timestamp of its start). Senders repeat the first report (§2.5.1.2, often with the marker bit)
 * and the final report with the E bit three times (§2.5.1.4); a long event is re-reported with a growing
 * duration (§2.5.1.3). The digit is reported on the first report seen, so a lost start packet still
 * yields the digit from an update or an end report. Feed it packets of the telephone-event payload type.
 */
public final class DtmfDetector {

    private static final String EVENTS = "0123456789*#ABCD";

    private final Consumer<Character> digits;
    private long lastTimestamp = -1;
    private int lastEvent = -1;

    public DtmfDetector(Consumer<Character> digits) {
        this.digits = digits;
    }

    public void accept(RtpPacket packet) {
        if (packet.payloadLength() < 4) return; // §2.3: 4 bytes per event report
        byte[] b = packet.buffer();
        int event = b[packet.payloadOffset()] & 0xFF;
        if (event >= EVENTS.length()) return; // not a DTMF event (§3.2): e.g. fax tones
        if (packet.timestamp() == lastTimestamp && event == lastEvent) return; // a repeat of the same event
        lastTimestamp = packet.timestamp();
        lastEvent = event;
        digits.accept(EVENTS.charAt(event));
    }

    /** The RFC 4733 §3.2 event code of a DTMF digit, or -1. */
    public static int eventCode(char digit) {
        return EVENTS.indexOf(Character.toUpperCase(digit));
    }
}
