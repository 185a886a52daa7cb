package org.tandem.pbx.files;

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

/**
 * An append-only file of records, for changes that must survive a {@code kill -9} before the database has them
 * (the registrar's bindings, the call detail records' events): each batch is appended in one {@code write}
 * (optionally {@code fdatasync}), read back at the next start, and emptied once the database has it all.
 *
 * <p>Each record is framed as {@code length, CRC-32, payload}. A record cut short by a crash mid-write fails its
 * length or CRC check and is dropped with everything after it (its batch was never acknowledged: the append had
 * not returned). What a payload holds is the caller's; {@link #putString}/{@link #string} and
 * {@link #putInstant}/{@link #instant} write and read the usual fields. Calls are serialised by the owner. Blocking
 * file I/O: with {@code sync} on a writer thread only; without it an append is a write to the page cache, which the
 * registrar makes on the REGISTER's own thread (issue 23).
 */
public final class RecordJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordJournal.class);
    private static final int FRAME_HEADER = 8;
    private static final int MAX_RECORD = 1 << 20;

    private final Path file;
    private final boolean sync;
    private final String what;
    private final FileChannel channel;

    /**
     * @param what what the journal holds, for log lines ("registration journal")
     * @param sync {@code fdatasync} after each appended batch: also survives a power cut, at a few ms per batch
     */
    public RecordJournal(Path file, boolean sync, String what) {
        this.file = file;
        this.sync = sync;
        this.what = what;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the " + what + " " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends the payloads as one batch; returns once the bytes are in the file (and on disk when syncing). */
    public void append(List<byte[]> payloads) throws IOException {
        int size = 0;
        for (byte[] p : payloads) size += FRAME_HEADER + p.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] p : payloads) buffer.putInt(p.length).putInt(crc32(p)).put(p);
        buffer.flip();
        while (buffer.hasRemaining()) channel.write(buffer);
        if (sync) channel.force(false);
    }

    /** The payloads in the file, oldest first, up to the first damaged record. */
    public List<ByteBuffer> read() throws IOException {
        return readFile(file, what);
    }

    /** The payloads in a journal's {@code file} not open for appending (a rotated one), as {@link #read()}. */
    public static List<ByteBuffer> readFile(Path file, String what) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        List<ByteBuffer> records = new ArrayList<>();
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
            records.add(ByteBuffer.wrap(payload));
        }
        if (all.hasRemaining()) {
            log.warn("{} {}: dropped {} bytes of a record cut short (never acknowledged)", what, file, all.remaining());
        }
        return records;
    }

    /** Empties the journal: everything in it has reached the database. */
    public void reset() throws IOException {
        channel.truncate(0);
        channel.position(0);
        if (sync) channel.force(false);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing the {} {}: {}", what, file, e.toString());
        }
    }

    /** A payload written by {@code encoder}. */
    public static byte[] payload(Encoder encoder) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream(256);
        encoder.writeTo(new DataOutputStream(record));
        return record.toByteArray();
    }

    /** Writes one record's payload. */
    @FunctionalInterface
    public interface Encoder {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /** A string or null, as its UTF-8 length (-1 for null) and bytes. */
    public static void putString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    public static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) return null;
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** An instant (not null), as its epoch second and nanosecond. */
    public static void putInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    public static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static int crc32(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
