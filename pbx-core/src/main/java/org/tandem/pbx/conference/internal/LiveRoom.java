package org.tandem.pbx.conference.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.Recording;
import org.tandem.pbx.conference.ConferenceCalls;
import org.tandem.pbx.conference.ConferenceParticipant;
import org.tandem.pbx.ua.MediaCall;

/**
 * A room with people in it: its mixer and participants. Participants' calls run on their own stripes, so the
 * participant map is concurrent and the mixer (thread-safe) is made and closed under the room's lock.
 */
final class LiveRoom implements ConferenceCalls.Room {

    static final class Seat {
        final MediaCall call;
        final String caller;
        final String callerName;
        final Instant joinedAt = Instant.now();
        volatile boolean muted;

        Seat(MediaCall call, String caller, String callerName) {
            this.call = call;
            this.caller = caller;
            this.callerName = callerName;
        }
    }

    final String number;
    private final ConferenceMixer mixer;
    private final Map<String, Seat> seats = new ConcurrentHashMap<>();
    private boolean closed;

    LiveRoom(String number, ConferenceMixer mixer) {
        this.number = number;
        this.mixer = mixer;
    }

    /**
     * Records the room (the room's {@code record} setting) in segments of {@link #SEGMENT}, each stored by
     * {@code store} on {@code io} when it ends (the segment's length, or the room closing).
     */
    void record(Executor io, BiConsumer<Instant, Path> store) {
        Instant started = Instant.now();
        mixer.record(SEGMENT, io).whenComplete((recording, error) -> {
            if (recording == null) return;
            try {
                if (recording.length().toMillis() >= 1000) store.accept(started, recording.file());
            } finally {
                try {
                    Files.deleteIfExists(recording.file());
                } catch (IOException ignored) {
                    // a temp file of the media spool; removed at the next start anyway
                }
            }
            boolean goOn;
            synchronized (this) {
                goOn = !closed && recording.reason() == Recording.StopReason.MAX_LENGTH;
            }
            if (goOn) record(io, store);
        });
    }

    /** A recording is kept in memory until it ends: an hour is 58 MB. */
    static final Duration SEGMENT = Duration.ofHours(1);

    /** Seats {@code seat}; false when the room closed meanwhile (its last participant just left). */
    synchronized boolean join(Seat seat) {
        if (closed) return false;
        seats.put(seat.call.callId(), seat);
        mixer.join(seat.call.media());
        return true;
    }

    /** Unseats the call; true when the room is now empty (and closed). */
    synchronized boolean leave(MediaCall call) {
        Seat seat = seats.remove(call.callId());
        if (seat != null) mixer.leave(call.media());
        if (seats.isEmpty()) {
            closed = true;
            mixer.close();
        }
        return closed;
    }

    void mute(Seat seat, boolean muted) {
        seat.muted = muted;
        mixer.mute(seat.call.media(), muted);
    }

    Seat seat(String callId) {
        return seats.get(callId);
    }

    int size() {
        return seats.size();
    }

    /** Everyone but {@code callId}. */
    List<Seat> others(String callId) {
        return seats.values().stream()
                .filter(s -> !s.call.callId().equals(callId))
                .toList();
    }

    @Override
    public boolean mute(String participantId, boolean muted) {
        Seat seat = seats.get(participantId);
        if (seat == null) return false;
        mute(seat, muted);
        return true;
    }

    @Override
    public boolean kick(String participantId) {
        Seat seat = seats.get(participantId);
        if (seat == null) return false;
        seat.call.execute(() -> seat.call.hangUp("Removed from the conference"));
        return true;
    }

    @Override
    public List<ConferenceParticipant> participants() {
        return seats.values().stream()
                .sorted(Comparator.comparing(s -> s.joinedAt))
                .map(s ->
                        new ConferenceParticipant(s.call.callId(), number, s.caller, s.callerName, s.muted, s.joinedAt))
                .toList();
    }
}
