package org.tandem.pbx.prompt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.Wav;
import org.tandem.pbx.files.DurableFiles;
import org.tandem.pbx.prompt.Language;

/**
 * One language's prompts as samples: the shipped set ({@code prompts/<code>/} in the jar, its manifest's words),
 * each replaced by an admin's recording in {@code <data-dir>/prompts/<code>/<id>.wav} when there is one, plus the
 * admin's own ids from that folder. Read once at start-up; uploads and removals change the map in place.
 */
public final class PromptStore {

    private static final Logger log = LoggerFactory.getLogger(PromptStore.class);

    private final Language language;
    private final Path overrides;
    private final Map<String, String> shipped;
    private final Map<String, short[]> samples = new ConcurrentHashMap<>();

    public PromptStore(Language language, Path dataDir, Pattern ownIds) {
        this.language = language;
        this.overrides = dataDir.resolve("prompts").resolve(language.code());
        this.shipped = Collections.unmodifiableMap(manifest(language));
        for (String id : shipped.keySet()) samples.put(id, read(id));
        for (String id : uploadedIds(ownIds)) {
            if (!shipped.containsKey(id)) readUploaded(id).ifPresent(pcm -> samples.put(id, pcm));
        }
    }

    /** The shipped ids in manifest order. */
    public Set<String> shippedIds() {
        return shipped.keySet();
    }

    /** The admin's own ids (not shipped), sorted. */
    public List<String> ownIds() {
        return samples.keySet().stream()
                .filter(id -> !shipped.containsKey(id))
                .sorted()
                .toList();
    }

    /** The samples of {@code id} in this language, or null. */
    public short[] find(String id) {
        return samples.get(id);
    }

    public String text(String id) {
        return shipped.get(id);
    }

    public boolean isShipped(String id) {
        return shipped.containsKey(id);
    }

    public boolean isUploaded(String id) {
        return Files.isRegularFile(overrides.resolve(id + ".wav"));
    }

    /** Stores {@code pcm} (engine format) durably as this language's {@code id}. Blocking. */
    public void store(String id, short[] pcm) {
        try {
            DurableFiles.write(overrides.resolve(id + ".wav"), Wav.bytes(pcm));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot store prompt " + language.code() + "/" + id + ": " + e.getMessage(), e);
        }
        samples.put(id, pcm);
    }

    /** Removes the admin's recording of {@code id}: back to the shipped one, or gone. False when there was none. */
    public boolean remove(String id) {
        try {
            if (!Files.deleteIfExists(overrides.resolve(id + ".wav"))) return false;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot remove prompt " + language.code() + "/" + id + ": " + e.getMessage(), e);
        }
        if (shipped.containsKey(id)) samples.put(id, read(id));
        else samples.remove(id);
        return true;
    }

    private short[] read(String id) {
        Path own = overrides.resolve(id + ".wav");
        if (Files.isRegularFile(own)) {
            try {
                return Wav.read(own);
            } catch (IOException | IllegalArgumentException e) {
                log.warn(
                        "Prompt {}/{}: cannot use {} ({}); using the shipped one",
                        language.code(),
                        id,
                        own,
                        e.getMessage());
            }
        }
        try (InputStream in = resource("prompts/" + language.code() + "/" + id + ".wav")) {
            return Wav.parse(in.readAllBytes(), id + ".wav");
        } catch (IOException e) {
            throw new UncheckedIOException("Shipped prompt " + language.code() + "/" + id + " unreadable", e);
        }
    }

    private List<String> uploadedIds(Pattern ownIds) {
        if (!Files.isDirectory(overrides)) return List.of();
        try (Stream<Path> files = Files.list(overrides)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wav"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(id -> ownIds.matcher(id).matches())
                    .toList();
        } catch (IOException e) {
            log.warn("Cannot list own prompts in {}: {}", overrides, e.getMessage());
            return List.of();
        }
    }

    private Optional<short[]> readUploaded(String id) {
        try {
            return Optional.of(Wav.read(overrides.resolve(id + ".wav")));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Own prompt {}/{} unusable: {}", language.code(), id, e.getMessage());
            return Optional.empty();
        }
    }

    /** The shipped manifest of {@code language}: id to words (or sox recipe), in file order. */
    public static Map<String, String> manifest(Language language) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = resource("prompts/" + language.code() + "/prompts.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int bar = l.indexOf('|');
                if (bar > 0) out.put(l.substring(0, bar), l.substring(bar + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Prompt manifest of " + language.code() + " unreadable", e);
        }
        return out;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = PromptStore.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing resource " + name);
        return in;
    }
}
