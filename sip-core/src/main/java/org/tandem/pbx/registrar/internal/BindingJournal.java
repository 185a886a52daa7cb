package org.tandem.pbx.registrar.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.registrar.Binding;

/**
 * The registrar's append-only journal: each batch of binding changes is appended (one {@code write},
 * optionally {@code fdatasync}) before its REGISTERs are answered, and the database catches up from
 * memory in larger transactions later. A {@code kill -9} therefore loses no answered registration: the
 * next start replays the journal into the database before the location service is loaded.
 *
 * <p>Each record is framed as {@code length, CRC-32, payload}. A record cut short by a crash mid-write
 * (never answered: its REGISTER waited for the append) fails its length or CRC check and is dropped with
 * everything after it. Only the {@link LocationWriter}'s thread uses an instance.
 */
final class BindingJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BindingJournal.class);
    private static final int FRAME_HEADER = 8;
    private static final int MAX_RECORD = 1 << 20;
    private static final byte APPLY = 1;
    private static final byte DELETE_AOR = 2;
    private static final byte DELETE_EXPIRED = 3;

    private final Path file;
    private final boolean sync;
    private final FileChannel channel;

    /** @param sync {@code fdatasync} after each appended batch: also survives a power cut, at a few ms per batch */
    BindingJournal(Path file, boolean sync) {
        this.file = file;
        this.sync = sync;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the registration journal " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Appends the batch; returns once the bytes are in the file (and on disk when syncing). */
    void append(List<BindingOp> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * batch.size());
        DataOutputStream out = new DataOutputStream(bytes);
        for (BindingOp op : batch) frame(out, op);
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) channel.write(buffer);
        if (sync) channel.force(false);
    }

    /** The changes in the file, oldest first, up to the first damaged record. */
    List<BindingOp> read() throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        List<BindingOp> ops = new ArrayList<>();
        while (all.remaining() >= FRAME_HEADER) {
            int start = all.position();
            int length = all.getInt();
            int crc = all.getInt();
            if (length <= 0 || length > MAX_RECORD || length > all.remaining()) {
                all.position(start);
                break;
            }
            byte[] payload = new byte[length];
            all.get(payload);
            if (crc32(payload) != crc) {
                all.position(start);
                break;
            }
            ops.add(decode(ByteBuffer.wrap(payload)));
        }
        if (all.hasRemaining()) {
            log.warn(
                    "Registration journal {}: dropped {} bytes of a record cut short (never answered)",
                    file,
                    all.remaining());
        }
        return ops;
    }

    /** Empties the journal: everything in it has reached the database. */
    void reset() throws IOException {
        channel.truncate(0);
        channel.position(0);
        if (sync) channel.force(false);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing the registration journal {}: {}", file, e.toString());
        }
    }

    private static void frame(DataOutputStream out, BindingOp op) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream(256);
        encode(new DataOutputStream(record), op);
        byte[] payload = record.toByteArray();
        out.writeInt(payload.length);
        out.writeInt(crc32(payload));
        out.write(payload);
    }

    private static void encode(DataOutputStream out, BindingOp op) throws IOException {
        if (op instanceof BindingOp.Apply a) {
            out.writeByte(APPLY);
            string(out, a.aor());
            out.writeInt(a.upserts().size());
            for (Binding b : a.upserts()) binding(out, b);
            out.writeInt(a.removedKeys().size());
            for (String key : a.removedKeys()) string(out, key);
        } else if (op instanceof BindingOp.DeleteAor d) {
            out.writeByte(DELETE_AOR);
            string(out, d.aor());
        } else if (op instanceof BindingOp.DeleteExpired e) {
            out.writeByte(DELETE_EXPIRED);
            instant(out, e.now());
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
        string(out, b.extension());
        string(out, b.contactUri());
        string(out, b.callId());
        out.writeLong(b.cseq());
        instant(out, b.expiresAt());
        out.writeInt(b.q());
        string(out, b.sourceAddress());
        out.writeInt(b.sourcePort());
        string(out, b.transport());
        string(out, b.userAgent());
        string(out, b.instanceId());
        out.writeInt(b.regId());
        instant(out, b.registeredAt());
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

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) return null;
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static int crc32(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
