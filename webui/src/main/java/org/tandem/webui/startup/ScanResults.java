package org.tandem.webui.startup;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.files.DurableFiles;

/**
 * What Vaadin's start-up scans found at the last start that ran on the same jars: the scans read the UI's classes and
 * their super-types from the jars (~0.4 s of the start's main thread on a two-core appliance even with one shared
 * cache), and what they find depends on nothing but those jars. Kept in {@code <data-dir>/cache/vaadin-scans.txt} (not
 * in backups: they carry named parts only), under the identity of the class path (every jar's path, size and
 * modification time): an upgrade or any other jar makes it void and the scans run again. A class path with a directory
 * on it (a developer's build, the in-process tests) has no identity: nothing is kept. An unreadable or foreign file is
 * ignored and written again; a failed write is logged and costs the next start the scans, nothing else.
 */
public final class ScanResults {

    private static final Logger log = LoggerFactory.getLogger(ScanResults.class);
    private static final String HEADER = "tandem vaadin-scans 1 ";

    private final Path file;
    private final String identity;
    private final Map<String, List<String>> known = new LinkedHashMap<>();
    private boolean changed;

    private ScanResults(Path file, String identity) {
        this.file = file;
        this.identity = identity;
    }

    /** The results kept under {@code dataDir} for this process's class path (none: {@link #none()}). */
    public static ScanResults in(Path dataDir) {
        return in(dataDir, System.getProperty("java.class.path", ""));
    }

    /** The results kept under {@code dataDir} for {@code classPath} (as {@code java.class.path} lists it). */
    public static ScanResults in(Path dataDir, String classPath) {
        String identity = classPathIdentity(classPath);
        if (identity == null) return none();
        ScanResults results = new ScanResults(dataDir.resolve("cache").resolve("vaadin-scans.txt"), identity);
        results.read();
        return results;
    }

    /** Keeps nothing: every question is asked of the scans. */
    public static ScanResults none() {
        return new ScanResults(null, null);
    }

    /** The class names a scan with this key found, in the order found, or null when not known. */
    public synchronized List<String> find(String key) {
        return known.get(key);
    }

    public synchronized void put(String key, List<String> classNames) {
        if (file == null || classNames.equals(known.get(key))) return;
        known.put(key, List.copyOf(classNames));
        changed = true;
    }

    /** Writes what changed since the file was read ({@link DurableFiles}: a crash leaves the old file or the new one). */
    public synchronized void save() {
        if (file == null || !changed) return;
        StringBuilder text = new StringBuilder(HEADER).append(identity).append('\n');
        known.forEach((key, names) ->
                text.append(key).append('\t').append(String.join(",", names)).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            changed = false;
        } catch (IOException e) {
            log.warn(
                    "Cannot keep the web UI's start-up scans in {} ({}); the next start scans again",
                    file,
                    e.toString());
        }
    }

    private void read() {
        if (!Files.isRegularFile(file)) return;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER + identity)) return; // other jars: scan again
            for (String line : lines.subList(1, lines.size())) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                String names = line.substring(tab + 1);
                known.put(line.substring(0, tab), names.isEmpty() ? List.of() : List.of(names.split(",")));
            }
        } catch (IOException | RuntimeException e) {
            known.clear();
            log.info("Ignoring {} ({}); the start-up scans run again", file, e.toString());
        }
    }

    /**
     * A digest of every class path entry's path, size and modification time, with the jars a jar's manifest adds
     * (the start script's extracted layout: a thin jar naming {@code lib/*.jar}); null when one is a directory.
     */
    static String classPathIdentity(String classPath) {
        if (classPath.isBlank()) return null;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String entry : classPath.split(File.pathSeparator)) {
                Path jar = Path.of(entry).toAbsolutePath();
                if (!add(digest, jar)) return null;
                for (Path named : manifestClassPath(jar)) {
                    if (!add(digest, named)) return null;
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }

    private static boolean add(MessageDigest digest, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) return false; // a directory (or gone): its content has no cheap identity
        String line = jar + "|" + Files.size(jar) + "|"
                + Files.getLastModifiedTime(jar).toMillis() + "\n";
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static List<Path> manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String named =
                    manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (named == null || named.isBlank()) return List.of();
            List<Path> jars = new ArrayList<>();
            for (String relative : named.trim().split("\\s+")) {
                jars.add(jar.resolveSibling(URI.create(relative).getPath()).normalize());
            }
            return jars;
        }
    }
}
