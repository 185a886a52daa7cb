package org.tandem.operations.backup.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The backup archive: a zip of {@code database.json} (a {@link DatabaseDump}), {@code files/...} (the
 * {@link DataDirFiles} parts) and, last, {@code manifest.json} with the SHA-256 of every other entry.
 */
public final class BackupArchive {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final int MAX_MANIFEST = 1 << 20;

    /** An archive that passed every check, and what it holds. */
    public record Verified(Manifest manifest, DatabaseDump.Summary database) {}

    private BackupArchive() {}

    /** Writes the whole archive to {@code out}. */
    public static void write(OutputStream out, DatabaseDump database, Path dataDir, Manifest header)
            throws IOException, SQLException {
        write(out, database, dataDir, header, List.of(), Set.of());
    }

    /**
     * Writes the archive to {@code out} without the files under {@code foldersLeftOut} and the rows of
     * {@code tablesLeftOut} (call recordings the admin keeps out of backups).
     */
    public static void write(
            OutputStream out,
            DatabaseDump database,
            Path dataDir,
            Manifest header,
            List<String> foldersLeftOut,
            Set<String> tablesLeftOut)
            throws IOException, SQLException {
        List<Manifest.Entry> entries = new ArrayList<>();
        ZipOutputStream zip = new ZipOutputStream(out);
        DigestingOutput entry = new DigestingOutput(zip);
        zip.putNextEntry(new ZipEntry(Manifest.DATABASE));
        entry.reset();
        database.export(entry, tablesLeftOut);
        entries.add(entry.finish(Manifest.DATABASE));
        for (Path relative : new DataDirFiles(dataDir).list(foldersLeftOut)) {
            String name = Manifest.FILES + relative.toString().replace('\\', '/');
            zip.putNextEntry(new ZipEntry(name));
            entry.reset();
            Files.copy(dataDir.resolve(relative), entry);
            entries.add(entry.finish(name));
        }
        Manifest manifest = new Manifest(
                header.format(),
                header.formatVersion(),
                header.tandemVersion(),
                header.schemaVersion(),
                header.createdAt(),
                header.host(),
                entries);
        zip.putNextEntry(new ZipEntry(Manifest.NAME));
        JSON.writerWithDefaultPrettyPrinter().writeValue(new NonClosingOutput(zip), manifest);
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /**
     * Reads the archive through and checks it: a manifest of a known format, every entry present with
     * the right size and checksum and nothing else, a schema not newer than {@code ourSchema}, a dump
     * that fits this database and the appliance key present. Changes nothing.
     *
     * @throws ArchiveRefusedException saying what is wrong, in words for the person restoring
     */
    public static Verified verify(Path archive, String ourSchema, DatabaseDump database, LongConsumer bytesRead)
            throws ArchiveRefusedException {
        Map<String, Manifest.Entry> found = new LinkedHashMap<>();
        Manifest manifest = null;
        DatabaseDump.Summary summary = null;
        try (CountingInput counted = new CountingInput(Files.newInputStream(archive), bytesRead);
                ZipInputStream zip = new ZipInputStream(counted)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (found.containsKey(name)) throw new ArchiveRefusedException("it holds " + name + " twice");
                boolean known = name.equals(Manifest.NAME)
                        || name.equals(Manifest.DATABASE)
                        || (name.startsWith(Manifest.FILES)
                                && DataDirFiles.isPart(name.substring(Manifest.FILES.length())));
                if (!known) throw new ArchiveRefusedException("it holds " + name + ", which no Tandem backup has");
                long[] size = {0};
                DigestInputStream digest =
                        new DigestInputStream(new CountingInput(new NonClosingInput(zip), n -> size[0] = n), sha256());
                if (name.equals(Manifest.NAME)) {
                    byte[] bytes = digest.readNBytes(MAX_MANIFEST + 1);
                    if (bytes.length > MAX_MANIFEST) throw new ArchiveRefusedException("its manifest is too large");
                    manifest = parseManifest(bytes);
                } else if (name.equals(Manifest.DATABASE)) {
                    try {
                        summary = DatabaseDump.summarize(digest);
                    } catch (DatabaseDump.DumpFormatException bad) {
                        throw new ArchiveRefusedException(
                                "its database dump is not readable (" + bad.getMessage() + ")");
                    } catch (IOException bad) {
                        if (bad instanceof ZipException) throw bad;
                        throw new ArchiveRefusedException("its database dump is not readable");
                    }
                }
                digest.transferTo(OutputStream.nullOutputStream());
                found.put(
                        name,
                        new Manifest.Entry(
                                name,
                                size[0],
                                HexFormat.of()
                                        .formatHex(digest.getMessageDigest().digest())));
            }
        } catch (ArchiveRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchiveRefusedException("it is damaged, cut short or not a zip file (" + e.getMessage() + ")");
        }
        if (manifest == null) {
            throw new ArchiveRefusedException(
                    found.isEmpty()
                            ? "it is not a Tandem backup (not a zip archive, or empty)"
                            : "it is not a Tandem backup (no manifest.json), or it was cut short");
        }
        checkEntries(manifest, found);
        checkSchema(manifest, ourSchema);
        if (summary == null) throw new ArchiveRefusedException("it holds no database dump");
        if (!found.containsKey(Manifest.FILES + "secret.key")) {
            throw new ArchiveRefusedException("it lacks secret.key, without which the SIP secrets cannot be read");
        }
        try {
            List<String> misfits = database.misfits(summary);
            if (!misfits.isEmpty()) {
                throw new ArchiveRefusedException(
                        "its database does not fit this appliance's: " + String.join("; ", misfits));
            }
        } catch (SQLException e) {
            throw new ArchiveRefusedException("this appliance's database cannot be read (" + e.getMessage() + ")");
        }
        return new Verified(manifest, summary);
    }

    private static Manifest parseManifest(byte[] bytes) throws ArchiveRefusedException {
        Manifest m;
        try {
            m = JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new ArchiveRefusedException("its manifest is not readable");
        }
        if (m == null || !Manifest.FORMAT.equals(m.format())) {
            throw new ArchiveRefusedException("it is not a Tandem backup (unknown manifest format)");
        }
        if (m.formatVersion() > Manifest.FORMAT_VERSION || m.formatVersion() < 1) {
            throw new ArchiveRefusedException("it was made in backup format " + m.formatVersion()
                    + ", which this Tandem does not know (it reads format " + Manifest.FORMAT_VERSION
                    + "): update Tandem first");
        }
        if (m.entries() == null || m.schemaVersion() == null) {
            throw new ArchiveRefusedException("its manifest lacks the entry list or the schema version");
        }
        return m;
    }

    private static void checkEntries(Manifest manifest, Map<String, Manifest.Entry> found)
            throws ArchiveRefusedException {
        for (Manifest.Entry listed : manifest.entries()) {
            Manifest.Entry actual = found.get(listed.name());
            if (actual == null) throw new ArchiveRefusedException("it is incomplete: " + listed.name() + " is missing");
            if (actual.size() != listed.size() || !actual.sha256().equalsIgnoreCase(String.valueOf(listed.sha256()))) {
                throw new ArchiveRefusedException(
                        "it is damaged: the checksum of " + listed.name() + " does not match");
            }
        }
        for (String name : found.keySet()) {
            if (name.equals(Manifest.NAME)) continue;
            if (manifest.entries().stream().noneMatch(e -> name.equals(e.name()))) {
                throw new ArchiveRefusedException("it holds " + name + ", which its manifest does not list");
            }
        }
    }

    private static void checkSchema(Manifest manifest, String ourSchema) throws ArchiveRefusedException {
        MigrationVersion theirs;
        try {
            theirs = MigrationVersion.fromVersion(manifest.schemaVersion());
        } catch (RuntimeException e) {
            throw new ArchiveRefusedException("its schema version " + manifest.schemaVersion() + " is not a version");
        }
        if (theirs.isNewerThan(MigrationVersion.fromVersion(ourSchema))) {
            throw new ArchiveRefusedException("its database schema (version " + manifest.schemaVersion()
                    + ") is newer than this appliance's (version " + ourSchema + "): update Tandem first");
        }
    }

    /**
     * Copies the {@code files/...} entries into {@code staging}, checking each against the manifest again
     * (the archive was verified, but it is read a second time).
     */
    public static void extractFiles(Path archive, Manifest manifest, Path staging) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        manifest.entries().forEach(e -> sums.put(e.name(), e.sha256()));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.getName().startsWith(Manifest.FILES)) continue;
                String relative = e.getName().substring(Manifest.FILES.length());
                if (!DataDirFiles.isPart(relative)) throw new IOException("unexpected entry " + e.getName());
                Path target = staging.resolve(relative).normalize();
                if (!target.startsWith(staging)) throw new IOException("unexpected entry " + e.getName());
                Files.createDirectories(target.getParent());
                DigestInputStream digest = new DigestInputStream(new NonClosingInput(zip), sha256());
                Files.copy(digest, target);
                if (!HexFormat.of()
                        .formatHex(digest.getMessageDigest().digest())
                        .equalsIgnoreCase(sums.get(e.getName()))) {
                    throw new IOException(e.getName() + " changed since it was verified");
                }
            }
        }
    }

    /** Opens the database dump entry for reading. */
    public static InputStream openDatabase(Path archive) throws IOException {
        ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive));
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (e.getName().equals(Manifest.DATABASE)) return zip;
        }
        zip.close();
        throw new IOException("no " + Manifest.DATABASE);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes and counts one zip entry's bytes; never closes the zip. */
    private static final class DigestingOutput extends FilterOutputStream {
        private MessageDigest digest = sha256();
        private long size;

        DigestingOutput(OutputStream out) {
            super(out);
        }

        void reset() {
            digest = sha256();
            size = 0;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            size += len;
        }

        @Override
        public void close() {
            // the zip stays open for the next entry
        }

        Manifest.Entry finish(String name) throws IOException {
            ((ZipOutputStream) out).closeEntry();
            return new Manifest.Entry(name, size, HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static final class NonClosingInput extends FilterInputStream {
        NonClosingInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stays open for the next entry
        }
    }

    private static final class CountingInput extends FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingInput(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) progress.accept(++count);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) progress.accept(count += n);
            return n;
        }
    }
}
