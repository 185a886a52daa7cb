package org.tandem.pbx.registrar.internal;

import static org.tandem.pbx.files.RecordJournal.instant;
import static org.tandem.pbx.files.RecordJournal.putInstant;
import static org.tandem.pbx.files.RecordJournal.putString;
import static org.tandem.pbx.files.RecordJournal.string;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tandem.pbx.files.RecordJournal;
import org.tandem.pbx.registrar.Binding;

/**
 * The registrar's append-only journal: each batch of binding changes is appended (one {@code write},
 * optionally {@code fdatasync}) before its REGISTERs are answered, and the database catches up from
 * memory in larger transactions later. A {@code kill -9} therefore loses no answered registration: the
 * next start replays the journal into the database before the location service is loaded.
 *
 * <p>The framing (length, CRC-32, payload; a record cut short by a crash mid-write, never answered, is dropped with
 * everything after it) is {@link RecordJournal}'s; this class encodes the changes.
 *
 * <p>Appends go to {@code file}; {@link #rotate()} renames it to {@code file.N} (N counting up) and starts an empty
 * {@code file}, so that REGISTERs go on appending while the database takes the rotated changes, which
 * {@link #discardRotated()} then deletes. A start reads the rotated files, oldest first, then {@code file} (the
 * newest), which is also where a journal from before rotation existed is read from. The caller serialises all calls
 * ({@link LocationWriter}'s lock). Not final: a test makes one that fails.
 */
class BindingJournal implements AutoCloseable {

    private static final byte APPLY = 1;
    private static final byte DELETE_AOR = 2;
    private static final byte DELETE_EXPIRED = 3;
    private static final String WHAT = "Registration journal";

    private final Path file;
    private final boolean sync;
    private RecordJournal records;
    /** The number the next rotated file gets; above every rotated file's on disk. */
    private long nextRotation;

    /** @param sync {@code fdatasync} after each appended batch: also survives a power cut, at a few ms per batch */
    BindingJournal(Path file, boolean sync) {
        this.file = file;
        this.sync = sync;
        this.records = new RecordJournal(file, sync, WHAT);
        try {
            List<Path> rotated = rotatedFiles();
            nextRotation = rotated.isEmpty() ? 1 : rotationOf(rotated.get(rotated.size() - 1)) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the " + WHAT.toLowerCase(Locale.ROOT) + " files of " + file, e);
        }
    }

    /** Whether each append is synced to disk ({@code fdatasync}) before it returns. */
    boolean syncs() {
        return sync;
    }

    /** The file appended to. */
    Path file() {
        return file;
    }

    /** Appends the batch; returns once the bytes are in the file (and on disk when syncing). */
    void append(List<BindingOp> batch) throws IOException {
        List<byte[]> payloads = new ArrayList<>(batch.size());
        for (BindingOp op : batch) payloads.add(RecordJournal.payload(out -> encode(out, op)));
        records.append(payloads);
    }

    /**
     * What was appended so far moves to a rotated file, and appends go on in an empty {@link #file()}. A crash at any
     * point leaves every change in one of the files (a rename is atomic).
     */
    void rotate() throws IOException {
        Path to = file.resolveSibling(file.getFileName() + "." + nextRotation);
        Files.move(file, to, StandardCopyOption.ATOMIC_MOVE); // the open channel follows the file
        nextRotation++;
        RecordJournal rotated = records;
        try {
            records = new RecordJournal(file, sync, WHAT);
        } catch (UncheckedIOException e) {
            // appends would now go to the rotated file: the caller must stop appending (it writes through)
            throw e.getCause();
        }
        rotated.close();
        if (sync) syncDirectory();
    }

    /** Deletes the rotated files: the database has their changes. */
    void discardRotated() throws IOException {
        for (Path p : rotatedFiles()) Files.deleteIfExists(p);
    }

    /** The changes in the rotated files, oldest first, then in {@link #file()}; each up to its first damaged record. */
    List<BindingOp> read() throws IOException {
        List<BindingOp> ops = new ArrayList<>();
        for (Path p : rotatedFiles()) {
            for (ByteBuffer payload : RecordJournal.readFile(p, WHAT)) ops.add(decode(payload));
        }
        for (ByteBuffer payload : records.read()) ops.add(decode(payload));
        return ops;
    }

    /** Empties the journal, rotated files too: everything in it has reached the database. */
    void reset() throws IOException {
        discardRotated();
        records.reset();
    }

    @Override
    public void close() {
        records.close();
    }

    /** {@code file.N} files, N ascending. */
    private List<Path> rotatedFiles() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) return List.of();
        String prefix = file.getFileName() + ".";
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix)
                                && name.length() > prefix.length()
                                && name.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9');
                    })
                    .sorted(Comparator.comparingLong(BindingJournal::rotationOf))
                    .toList();
        }
    }

    private static long rotationOf(Path rotated) {
        String name = rotated.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    /** A power cut after the rename must find it (the files' own contents are synced by each append). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform opens a directory; the rename is still atomic
        }
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
