package org.tandem.operations.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parts of the data dir a backup holds: the keys (without {@code secret.key} the restored SIP
 * secrets cannot be decrypted), the TLS keystore and the media folders. The embedded H2 files are not
 * among them: the database travels as a neutral dump. Restoring swaps each part in by rename.
 */
public final class DataDirFiles {

    /** Top-level names under the data dir, files or folders, that a backup carries when present. */
    public static final List<String> PARTS = List.of(
            "secret.key",
            "loopback.key",
            "route.key",
            "tls",
            "certs",
            "voicemail",
            "greetings",
            "prompts",
            "recordings");

    private final Path dataDir;

    public DataDirFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Every regular file of the parts, as paths relative to the data dir, in a stable order. */
    public List<Path> list() throws IOException {
        return list(List.of());
    }

    /** As {@link #list()}, without the files under the folders {@code leftOut} (relative, e.g. recordings/calls). */
    public List<Path> list(List<String> leftOut) throws IOException {
        List<Path> all = listAll();
        if (leftOut.isEmpty()) return all;
        List<Path> out = leftOut.stream().map(Path::of).toList();
        return all.stream().filter(f -> out.stream().noneMatch(f::startsWith)).toList();
    }

    private List<Path> listAll() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String part : PARTS) {
            Path p = dataDir.resolve(part);
            if (Files.isRegularFile(p)) {
                files.add(dataDir.relativize(p));
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> files.add(dataDir.relativize(f)));
                }
            }
        }
        return files;
    }

    /** True for an archive path ({@code files/...} stripped) that lies inside one of the parts. */
    public static boolean isPart(String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0"))
            return false;
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return false;
        }
        String top = relative.split("/")[0];
        if (!PARTS.contains(top)) return false;
        // the keys are single files; the other parts are folders, so only paths inside them count
        return top.endsWith(".key") ? relative.equals(top) : relative.length() > top.length();
    }

    /**
     * Puts the staged parts in place of the current ones: each current part is moved aside, the staged
     * one renamed in (same file system, so each swap is atomic), and what was moved aside deleted at the
     * end. A part the backup does not have is removed, so the data dir ends up as the backup had it. If a
     * rename fails, the parts already swapped are put back.
     */
    public void swapIn(Path staging, Path aside) throws IOException {
        Files.createDirectories(aside);
        List<String> swapped = new ArrayList<>();
        try {
            for (String part : PARTS) {
                Path current = dataDir.resolve(part);
                Path staged = staging.resolve(part);
                if (Files.exists(current)) Files.move(current, aside.resolve(part), StandardCopyOption.ATOMIC_MOVE);
                swapped.add(part);
                if (Files.exists(staged)) Files.move(staged, current, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            for (String part : swapped) {
                Path current = dataDir.resolve(part);
                deleteTree(current);
                if (Files.exists(aside.resolve(part)))
                    Files.move(aside.resolve(part), current, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        deleteTree(aside);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
