package org.tandem.pbx.cdr.internal;

import static org.tandem.pbx.files.RecordJournal.putInstant;
import static org.tandem.pbx.files.RecordJournal.putString;
import static org.tandem.pbx.files.RecordJournal.string;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.files.RecordJournal;

/**
 * The call detail records' append-only journal: the {@link CdrWriter} appends each window's call events here and
 * gives them to the database in larger transactions later, so a {@code kill -9} loses none of the events it took
 * (the next start replays them before closing the calls left in progress), and the database commits every few
 * seconds instead of every window (a commit costs about the same whatever it holds: issue 23). Framing by
 * {@link RecordJournal}; each record is one event (the types {@link CdrFold} folds). Only the writer's thread uses
 * an instance.
 */
final class CdrJournal implements AutoCloseable {

    private static final byte STARTED = 1;
    private static final byte ROUTED = 2;
    private static final byte TRUNK_USED = 3;
    private static final byte ANSWERED = 4;
    private static final byte ENDED = 5;
    private static final byte MEDIA = 6;
    private static final byte BLOCKED = 7;
    private static final byte QUEUED = 8;

    private final RecordJournal records;

    CdrJournal(Path file) {
        this.records = new RecordJournal(file, false, "Call record journal");
    }

    Path file() {
        return records.file();
    }

    /** Appends the events (those that are no call event are left out); returns once they are in the file. */
    void append(List<Object> events) throws IOException {
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (Object event : events) {
            if (CdrFold.callId(event) != null) payloads.add(RecordJournal.payload(out -> encode(out, event)));
        }
        if (!payloads.isEmpty()) records.append(payloads);
    }

    /** The events in the file, oldest first, up to the first damaged record. */
    List<Object> read() throws IOException {
        List<Object> events = new ArrayList<>();
        for (ByteBuffer payload : records.read()) events.add(decode(payload));
        return events;
    }

    /** Empties the journal: everything in it has reached the database. */
    void reset() throws IOException {
        records.reset();
    }

    @Override
    public void close() {
        records.close();
    }

    static void encode(DataOutputStream out, Object event) throws IOException {
        if (event instanceof CallStarted e) {
            head(out, STARTED, e.callId(), e.at());
            putString(out, e.callerExtension());
            putString(out, e.callerNumber());
            putString(out, e.callerName());
            putString(out, e.dialled());
            putEnum(out, e.direction());
            putString(out, e.trunk());
            putString(out, e.did());
            putString(out, e.linkedCallId());
        } else if (event instanceof CallRouted e) {
            head(out, ROUTED, e.callId(), e.at());
            putString(out, e.destination());
            putString(out, e.ringGroup());
            putString(out, e.forwardedFrom());
        } else if (event instanceof CallTrunkUsed e) {
            head(out, TRUNK_USED, e.callId(), e.at());
            putString(out, e.trunk());
            putString(out, e.externalNumber());
            out.writeInt(e.status());
        } else if (event instanceof CallAnswered e) {
            head(out, ANSWERED, e.callId(), e.at());
            putString(out, e.answeredBy());
        } else if (event instanceof CallEnded e) {
            head(out, ENDED, e.callId(), e.at());
            putEnum(out, e.disposition());
            out.writeInt(e.sipStatus());
            putEnum(out, e.hangupSide());
            putString(out, e.cause());
        } else if (event instanceof CallMedia e) {
            head(out, MEDIA, e.callId(), e.at());
            out.writeBoolean(e.relayed());
            stream(out, e.caller());
            stream(out, e.callee());
        } else if (event instanceof CallBlocked e) {
            head(out, BLOCKED, e.callId(), e.at());
            putString(out, e.cause());
        } else if (event instanceof CallQueued e) {
            head(out, QUEUED, e.callId(), e.at());
            putString(out, e.queue());
            putEnum(out, e.outcome());
            out.writeLong(e.waitMillis());
            putString(out, e.agent());
        } else {
            throw new IllegalArgumentException("not a call event: " + event);
        }
    }

    static Object decode(ByteBuffer in) {
        byte type = in.get();
        String callId = string(in);
        Instant at = nullableInstant(in);
        return switch (type) {
            case STARTED ->
                new CallStarted(
                        callId,
                        at,
                        string(in),
                        string(in),
                        string(in),
                        string(in),
                        enumOf(CallDirection.class, in),
                        string(in),
                        string(in),
                        string(in));
            case ROUTED -> new CallRouted(callId, at, string(in), string(in), string(in));
            case TRUNK_USED -> new CallTrunkUsed(callId, at, string(in), string(in), in.getInt());
            case ANSWERED -> new CallAnswered(callId, at, string(in));
            case ENDED ->
                new CallEnded(
                        callId,
                        at,
                        enumOf(Disposition.class, in),
                        in.getInt(),
                        enumOf(HangupSide.class, in),
                        string(in));
            case MEDIA -> new CallMedia(callId, at, in.get() != 0, stream(in), stream(in));
            case BLOCKED -> new CallBlocked(callId, at, string(in));
            case QUEUED ->
                new CallQueued(callId, at, string(in), enumOf(CallQueued.Outcome.class, in), in.getLong(), string(in));
            default -> throw new IllegalStateException("Unknown call record journal record type " + type);
        };
    }

    private static void head(DataOutputStream out, byte type, String callId, Instant at) throws IOException {
        out.writeByte(type);
        putString(out, callId);
        out.writeBoolean(at != null);
        if (at != null) putInstant(out, at);
    }

    private static Instant nullableInstant(ByteBuffer in) {
        return in.get() != 0 ? RecordJournal.instant(in) : null;
    }

    private static void putEnum(DataOutputStream out, Enum<?> value) throws IOException {
        putString(out, value == null ? null : value.name());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, ByteBuffer in) {
        String name = string(in);
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static void stream(DataOutputStream out, CallMedia.Stream s) throws IOException {
        out.writeBoolean(s != null);
        if (s == null) return;
        out.writeLong(s.packets());
        out.writeLong(s.lost());
        out.writeDouble(s.jitterMillis());
        out.writeBoolean(s.bytes() != null);
        if (s.bytes() != null) out.writeLong(s.bytes());
    }

    private static CallMedia.Stream stream(ByteBuffer in) {
        if (in.get() == 0) return null;
        long packets = in.getLong();
        long lost = in.getLong();
        double jitter = in.getDouble();
        Long bytes = in.get() != 0 ? in.getLong() : null;
        return new CallMedia.Stream(packets, lost, jitter, bytes);
    }
}
