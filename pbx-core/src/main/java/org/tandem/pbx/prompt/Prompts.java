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

/**
 * The prompts by id, as samples ready to play (8 kHz 16-bit mono). All are read once at start-up, so
 * call flows never touch the disk on a SIP thread; an admin's file in {@code <data-dir>/prompts/en/}
 * replaces the shipped prompt of the same id ({@link #reload} after an upload).
 */
public class Prompts {

    private static final Logger log = LoggerFactory.getLogger(Prompts.class);
    private static final String MANIFEST = "prompts/en/prompts.txt";

    private final Path overrides;
    private final Map<String, short[]> samples = new ConcurrentHashMap<>();
    private final Set<String> ids;

    public Prompts(Path dataDir) {
        this.overrides = dataDir.resolve("prompts").resolve("en");
        this.ids = Collections.unmodifiableSet(manifestIds());
        for (String id : ids) samples.put(id, read(id));
    }

    /** Every prompt id of the set. */
    public Set<String> ids() {
        return ids;
    }

    /** @throws IllegalArgumentException for an id that is not in the set */
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

    /** Re-reads one prompt (after an admin uploaded or removed its replacement). */
    public void reload(String id) {
        if (!ids.contains(id)) throw new IllegalArgumentException("No prompt " + id);
        samples.put(id, read(id));
    }

    private short[] read(String id) {
        Path own = overrides.resolve(id + ".wav");
        if (Files.isRegularFile(own)) {
            try {
                return PcmWav.samples(Files.readAllBytes(own));
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Prompt {}: cannot use {} ({}); using the shipped one", id, own, e.getMessage());
            }
        }
        try (InputStream in = resource("prompts/en/" + id + ".wav")) {
            return PcmWav.samples(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Shipped prompt " + id + " unreadable", e);
        }
    }

    private static Set<String> manifestIds() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (InputStream in = resource(MANIFEST)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int bar = l.indexOf('|');
                if (bar > 0) out.put(l.substring(0, bar), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Prompt manifest unreadable", e);
        }
        return out.keySet();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Prompts.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing resource " + name);
        return in;
    }
}
