package org.tandem.media.relay.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches one party's RFC 4733 telephone-events for a key code (issue 18: {@code *1} starts and stops an on-demand
 * recording). The code's keys are the party's business with the appliance, not the other party's: the packets of an
 * event that may begin the code are held back, and dropped when the code completes; when the next key (or
 * {@value #TIMEOUT_MILLIS} ms of nothing) shows it was not the code, they are released, late but in order. Events are
 * told apart by their RTP timestamp (RFC 4733 §2.5.1.2: every packet of one event carries its start's timestamp;
 * the end packet is sent three times, §2.5.1.4). On the relay's IO thread only.
 */
final class KeyCodeWatch {

    static final long TIMEOUT_MILLIS = 2000;
    private static final long TIMEOUT_NANOS = TIMEOUT_MILLIS * 1_000_000L;
    /** At most this many packets held back: a key held down for seconds is no code. */
    private static final int MAX_HELD = 200;

    private final int[] code;
    private final Set<Integer> eventTypes;
    private final Runnable onCode;
    private final List<byte[]> held = new ArrayList<>();
    private int matched; // keys of the code seen so far (their packets are held)
    private long eventTimestamp = -1; // the current event's RTP timestamp
    private boolean holding; // the current event's packets are held back
    private boolean swallowing; // the current event completed the code: its packets are dropped
    private long lastEventNanos;

    /**
     * @param code       the keys, e.g. {@code *1}: 0-9, *, #, A-D (RFC 4733 §3.2 events 0-15)
     * @param eventTypes the payload types of telephone-event the party may send (RFC 4733 §7.1.1)
     * @param onCode     run (on the IO thread: it must only hand over) when the party completes the code
     */
    KeyCodeWatch(String code, Set<Integer> eventTypes, Runnable onCode) {
        this.code = events(code);
        this.eventTypes = Set.copyOf(eventTypes);
        this.onCode = onCode;
    }

    /** The RFC 4733 §3.2 event codes of {@code keys}; an empty or unknown key is refused. */
    static int[] events(String keys) {
        if (keys == null || keys.isEmpty()) throw new IllegalArgumentException("a key code needs at least one key");
        int[] events = new int[keys.length()];
        for (int i = 0; i < keys.length(); i++) {
            char c = Character.toUpperCase(keys.charAt(i));
            events[i] = c >= '0' && c <= '9'
                    ? c - '0'
                    : c == '*' ? 10 : c == '#' ? 11 : c >= 'A' && c <= 'D' ? 12 + c - 'A' : -1;
            if (events[i] < 0) throw new IllegalArgumentException("not a key: " + c + " (0-9, *, #, A-D)");
        }
        return events;
    }

    /**
     * One RTP packet from the party (at its position; not moved). Returns true when it is taken (held or dropped) and
     * must not be relayed now; held packets the watch lets go are handed to {@code release} first, in their order.
     */
    boolean offer(ByteBuffer rtp, long nowNanos, Consumer<ByteBuffer> release) {
        ByteBuffer p = rtp.slice(); // its own indexes from 0, the caller's position untouched
        int payload = RtpTrack.payloadOffset(p);
        boolean event = payload >= 0 && p.limit() >= payload + 4 && eventTypes.contains(p.get(1) & 0x7f);
        boolean late = matched > 0 && nowNanos - lastEventNanos > TIMEOUT_NANOS;
        if (!event) {
            if (late) releaseHeld(release); // the keys so far were no code
            return false;
        }
        long timestamp = p.getInt(4) & 0xffff_ffffL;
        if (late && timestamp != eventTimestamp) releaseHeld(release); // a key long after: it starts afresh
        lastEventNanos = nowNanos;
        if (timestamp != eventTimestamp) started(timestamp, p.get(payload) & 0xff, release);
        if (swallowing) return true;
        if (!holding) return false;
        if (held.size() >= MAX_HELD) {
            releaseHeld(release);
            holding = false;
            return false;
        }
        byte[] copy = new byte[p.limit()];
        p.get(0, copy);
        held.add(copy);
        return true;
    }

    /** A new event (key) begins: it continues the code, completes it, or shows the keys held were no code. */
    private void started(long timestamp, int key, Consumer<ByteBuffer> release) {
        eventTimestamp = timestamp;
        swallowing = false;
        holding = false;
        if (matched > 0 && key != code[matched]) releaseHeld(release);
        if (key != code[matched]) return;
        matched++;
        if (matched < code.length) {
            holding = true;
            return;
        }
        held.clear(); // the code: none of its keys reaches the other party
        matched = 0;
        swallowing = true;
        onCode.run();
    }

    private void releaseHeld(Consumer<ByteBuffer> release) {
        for (byte[] p : held) release.accept(ByteBuffer.wrap(p));
        held.clear();
        matched = 0;
        holding = false; // the rest of the current key goes on as it comes
    }
}
