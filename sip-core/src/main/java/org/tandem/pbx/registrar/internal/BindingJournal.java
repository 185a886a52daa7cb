package org.tandem.pbx.registrar.internal;

import static org.tandem.pbx.files.RecordJournal.instant;
import static org.tandem.pbx.files.RecordJournal.putInstant;
import static org.tandem.pbx.files.RecordJournal.putString;
import static org.tandem.pbx.files.RecordJournal.string;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.files.RecordJournal;
import org.tandem.pbx.registrar.Binding;

/**
 * The registrar's append-only journal: each batch of binding changes is appended (one {@code write},
 * optionally {@code fdatasync}) before its REGISTERs are answered, and the database catches up from
 * memory in larger transactions later. A {@code kill -9} therefore loses no answered registration: the
 * next start replays the journal into the database before the location service is loaded.
 *
 * <p>The framing (length, CRC-32, payload; a record cut short by a crash mid-write, never answered, is dropped with
 * everything after it) is {@link RecordJournal}'s; this class encodes the changes. Only the {@link LocationWriter}'s
 * thread uses an instance.
 */
final class BindingJournal implements AutoCloseable {

    private static final byte APPLY = 1;
    private static final byte DELETE_AOR = 2;
    private static final byte DELETE_EXPIRED = 3;

    private final RecordJournal records;

    /** @param sync {@code fdatasync} after each appended batch: also survives a power cut, at a few ms per batch */
    BindingJournal(Path file, boolean sync) {
        this.records = new RecordJournal(file, sync, "Registration journal");
    }

    Path file() {
        return records.file();
    }

    /** Appends the batch; returns once the bytes are in the file (and on disk when syncing). */
    void append(List<BindingOp> batch) throws IOException {
        List<byte[]> payloads = new ArrayList<>(batch.size());
        for (BindingOp op : batch) payloads.add(RecordJournal.payload(out -> encode(out, op)));
        records.append(payloads);
    }

    /** The changes in the file, oldest first, up to the first damaged record. */
    List<BindingOp> read() throws IOException {
        List<BindingOp> ops = new ArrayList<>();
        for (ByteBuffer payload : records.read()) ops.add(decode(payload));
        return ops;
    }

    /** Empties the journal: everything in it has reached the database. */
    void reset() throws IOException {
        records.reset();
    }

    @Override
    public void close() {
        records.close();
    }

    private static void encode(DataOutputStream out, BindingOp op) throws IOException {
        if (op instanceof BindingOp.Apply a) {
            out.writeByte(APPLY);
            putString(out, a.aor());
            out.writeInt(a.upserts().size());
            for (Binding b : a.upserts()) binding(out, b);
            out.writeInt(a.removedKeys().size());
            for (String key : a.removedKeys()) putString(out, key);
        } else if (op instanceof BindingOp.DeleteAor d) {
            out.writeByte(DELETE_AOR);
            putString(out, d.aor());
        } else if (op instanceof BindingOp.DeleteExpired e) {
            out.writeByte(DELETE_EXPIRED);
            putInstant(out, e.now());
        } else {
            throw new IllegalArgumentException("Unknown binding change " + op);
        }
    }

    private static BindingOp decode(ByteBuffer in) {
        byte type = in.get();
        return switch (type) {
            case APPLY -> {
                String aor = string(in);
                List<Binding> upserts = new ArrayList<>();
                for (int i = in.getInt(); i > 0; i--) upserts.add(binding(in));
                List<String> removed = new ArrayList<>();
                for (int i = in.getInt(); i > 0; i--) removed.add(string(in));
                yield new BindingOp.Apply(aor, upserts, removed);
            }
            case DELETE_AOR -> new BindingOp.DeleteAor(string(in));
            case DELETE_EXPIRED -> new BindingOp.DeleteExpired(instant(in));
            default -> throw new IllegalStateException("Unknown registration journal record type " + type);
        };
    }

    private static void binding(DataOutputStream out, Binding b) throws IOException {
        putString(out, b.extension());
        putString(out, b.contactUri());
        putString(out, b.callId());
        out.writeLong(b.cseq());
        putInstant(out, b.expiresAt());
        out.writeInt(b.q());
        putString(out, b.sourceAddress());
        out.writeInt(b.sourcePort());
        putString(out, b.transport());
        putString(out, b.userAgent());
        putString(out, b.instanceId());
        out.writeInt(b.regId());
        putInstant(out, b.registeredAt());
    }

    private static Binding binding(ByteBuffer in) {
        return new Binding(
                string(in),
                string(in),
                string(in),
                in.getLong(),
                instant(in),
                in.getInt(),
                string(in),
                in.getInt(),
                string(in),
                string(in),
                string(in),
                in.getInt(),
                instant(in));
    }
}
