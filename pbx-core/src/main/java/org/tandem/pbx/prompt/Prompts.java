package org.tandem.pbx.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.Wav;
import org.tandem.pbx.files.DurableFiles;
import org.tandem.pbx.validation.InUseException;

/**
 * The prompts by id, as samples ready to play (8 kHz 16-bit mono). All are read once at start-up, so
 * call flows never touch the disk on a SIP thread; an admin's recording ({@link #upload}, any common audio
 * format) in {@code <data-dir>/prompts/en/} replaces the shipped prompt of the same id, or adds a prompt of
 * the admin's own (e.g. an IVR greeting).
 */
public class Prompts {

    private static final Logger log = LoggerFactory.getLogger(Prompts.class);
    private static final String MANIFEST = "prompts/en/prompts.txt";

    /** Ids of prompts an admin adds (IVR greetings of their own): lower case, digits and '-'. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    private final Path overrides;
    private final Map<String, short[]> samples = new ConcurrentHashMap<>();
    private final Map<String, String> shipped;
    private volatile java.util.function.Supplier<List<PromptUse>> uses = List::of;

    public Prompts(Path dataDir) {
        this.overrides = dataDir.resolve("prompts").resolve("en");
        this.shipped = Collections.unmodifiableMap(manifest());
        for (String id : shipped.keySet()) samples.put(id, read(id));
        for (String id : ownIds()) {
            if (!shipped.containsKey(id)) readOwn(id).ifPresent(pcm -> samples.put(id, pcm));
        }
    }

    /** Where to ask, before an own prompt is removed, what still names it (the IVR menus). */
    public void checkUsesWith(java.util.function.Supplier<List<PromptUse>> uses) {
        this.uses = uses;
    }

    /** Every prompt id: the shipped set, then the admin's own, sorted. */
    public Set<String> ids() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(shipped.keySet());
        samples.keySet().stream().filter(id -> !shipped.containsKey(id)).sorted().forEach(all::add);
        return all;
    }

    public boolean exists(String id) {
        return samples.containsKey(id);
    }

    /** The shipped prompt's words (null for an admin's own prompt). */
    public String text(String id) {
        return shipped.get(id);
    }

    public boolean isShipped(String id) {
        return shipped.containsKey(id);
    }

    /** Whether an admin's recording replaces (or, for an own id, is) this prompt. */
    public boolean isUploaded(String id) {
        return Files.isRegularFile(overrides.resolve(id + ".wav"));
    }

    /** Length of the prompt as played. */
    public java.time.Duration length(String id) {
        return java.time.Duration.ofMillis(get(id).length / 8L);
    }

    /**
     * Stores an admin's recording (any format {@link PromptAudio} reads, converted to 8 kHz 16-bit mono) for a
     * shipped id (replacing it) or a new own id; written durably (temp, fsync, rename). Blocking: REST threads only.
     *
     * @throws org.tandem.pbx.validation.InvalidInputException on "id" or "file"
     */
    public synchronized void upload(String id, byte[] audio) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new org.tandem.pbx.validation.InvalidInputException(Map.of("id",
                    "must be 1 to 48 lower-case letters, digits and '-', starting with a letter or digit"));
        }
        short[] pcm = PromptAudio.toEngineFormat(audio);
        try {
            DurableFiles.write(overrides.resolve(id + ".wav"), Wav.bytes(pcm));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store prompt " + id + ": " + e.getMessage(), e);
        }
        samples.put(id, pcm);
    }

    /**
     * Removes the admin's recording: a shipped prompt is back to the shipped one, an own prompt is gone.
     *
     * @return false when there was no uploaded recording for {@code id}
     * @throws InUseException when an own prompt is still named by an IVR menu (change the menu first)
     */
    public synchronized boolean removeUpload(String id) {
        if (id == null || !ID.matcher(id).matches()) return false;
        if (!shipped.containsKey(id) && samples.containsKey(id)) {
            // an own prompt goes away for good (a shipped one falls back to the shipped recording)
            List<String> users = new ArrayList<>();
            for (PromptUse use : uses.get()) users.addAll(use.usesOf(id));
            if (!users.isEmpty()) throw new InUseException("Prompt " + id, users);
        }
        try {
            if (!Files.deleteIfExists(overrides.resolve(id + ".wav"))) return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove prompt " + id + ": " + e.getMessage(), e);
        }
        if (shipped.containsKey(id)) samples.put(id, read(id));
        else samples.remove(id);
        return true;
    }

    /** @throws IllegalArgumentException for an id that is not in the set (shipped or the admin's own) */
    public short[] get(String id) {
        short[] pcm = samples.get(id);
        if (pcm == null) throw new IllegalArgumentException("No prompt " + id);
        return pcm;
    }

    /** The prompts for {@code ids}, in order. */
    public List<short[]> all(String... ids) {
        List<short[]> out = new ArrayList<>(ids.length);
        for (String id : ids) out.add(get(id));
        return out;
    }

    /** A number said digit by digit ("two zero one"); '*' and '#' as "star" and "pound", other characters skipped. */
    public List<short[]> digits(String number) {
        List<short[]> out = new ArrayList<>();
        for (char c : number.toCharArray()) {
            if (c >= '0' && c <= '9') out.add(get("digit-" + c));
            else if (c == '*') out.add(get("star"));
            else if (c == '#') out.add(get("hash"));
        }
        return out;
    }

    /** A count as words, 0–999 ("one hundred twenty three"). */
    public List<short[]> number(int n) {
        if (n < 0 || n > 999) return digits(Integer.toString(n));
        List<short[]> out = new ArrayList<>();
        if (n >= 100) {
            out.add(get("digit-" + n / 100));
            out.add(get("num-hundred"));
            n %= 100;
            if (n == 0) return out;
        }
        if (n < 10) out.add(get("digit-" + n));
        else if (n < 20) out.add(get("num-" + n));
        else {
            out.add(get("num-" + (n / 10) * 10));
            if (n % 10 != 0) out.add(get("digit-" + n % 10));
        }
        return out;
    }


    private short[] read(String id) {
        Path own = overrides.resolve(id + ".wav");
        if (Files.isRegularFile(own)) {
            try {
                return Wav.read(own);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Prompt {}: cannot use {} ({}); using the shipped one", id, own, e.getMessage());
            }
        }
        try (InputStream in = resource("prompts/en/" + id + ".wav")) {
            return Wav.parse(in.readAllBytes(), id + ".wav");
        } catch (IOException e) {
            throw new UncheckedIOException("Shipped prompt " + id + " unreadable", e);
        }
    }

    private java.util.List<String> ownIds() {
        if (!Files.isDirectory(overrides)) return java.util.List.of();
        try (java.util.stream.Stream<Path> files = Files.list(overrides)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(id -> ID.matcher(id).matches()).toList();
        } catch (IOException e) {
            log.warn("Cannot list own prompts in {}: {}", overrides, e.getMessage());
            return java.util.List.of();
        }
    }

    private java.util.Optional<short[]> readOwn(String id) {
        try {
            return java.util.Optional.of(Wav.read(overrides.resolve(id + ".wav")));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Own prompt {} unusable: {}", id, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static Map<String, String> manifest() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = resource(MANIFEST)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int bar = l.indexOf('|');
                if (bar > 0) out.put(l.substring(0, bar), l.substring(bar + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Prompt manifest unreadable", e);
        }
        return out;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Prompts.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing resource " + name);
        return in;
    }
}
