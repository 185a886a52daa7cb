package org.tandem.provisioning.render.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tandem.provisioning.vendor.PhoneFamily;

/**
 * The parameters a vendor documents for a phone family, as test data: {@code dictionary/<vendor>/<family>.tsv}
 * (looked up along the family's chain, the child's entries first, so a newer family can mark a parent's name
 * {@code absent}). One entry a line: {@code name <TAB> values <TAB> required-in <TAB> source}.
 *
 * <p>Names: literal, with {@code {n}} for a number and {@code *} for one path segment. XML files name a leaf
 * element by its path below the root ({@code config/P212}), an attribute of a leaf as {@code path@attr}, an
 * attribute of the root by its bare name (Polycom). Values: see {@link ValueRule}. Third column: {@code -}, or
 * comma-separated file kinds: {@code CONFIG} = a file of that kind rendered with credentials must set it,
 * {@code !COMMON} = a file of that kind must not set it.
 */
public final class ParameterDictionary {

    /** One documented parameter. */
    public record Entry(String name, Pattern pattern, ValueRule rule, String requiredIn, String source) {}

    private final List<Entry> entries;

    private ParameterDictionary(List<Entry> entries) {
        this.entries = entries;
    }

    public static ParameterDictionary of(PhoneFamily family) {
        List<Entry> all = new ArrayList<>();
        for (String id : family.chain()) all.addAll(read("dictionary/" + id + ".tsv"));
        if (all.isEmpty())
            throw new IllegalStateException("no parameter dictionary for " + family.id()
                    + " (dictionary/<vendor>/<family>.tsv along " + family.chain() + ")");
        return new ParameterDictionary(all);
    }

    public Optional<Entry> find(String name) {
        return entries.stream().filter(e -> e.pattern().matcher(name).matches()).findFirst();
    }

    /** Entries a file of this kind must set (third column names the kind). */
    public List<Entry> requiredIn(String kind) {
        // a child's own entry for the same name replaces the parent's requirement
        List<Entry> required = new ArrayList<>();
        for (Entry e : entries) {
            if (!List.of(e.requiredIn().split(",")).contains(kind)) continue;
            Optional<Entry> first =
                    entries.stream().filter(x -> x.name().equals(e.name())).findFirst();
            if (first.isPresent() && first.get() == e) required.add(e);
        }
        return required;
    }

    /** True when the third column forbids the parameter in a file of this kind. */
    public static boolean forbiddenIn(Entry e, String kind) {
        return List.of(e.requiredIn().split(",")).contains("!" + kind);
    }

    private static List<Entry> read(String resource) {
        InputStream in = ParameterDictionary.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) return List.of();
        List<Entry> entries = new ArrayList<>();
        try (in) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : text.split("\n")) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 4 || f[3].isBlank()) {
                    throw new IllegalStateException(resource + ":" + lineNo
                            + ": want name<TAB>values<TAB>required-in<TAB>source (every entry cites its source)");
                }
                entries.add(new Entry(f[0], namePattern(f[0]), ValueRule.parse(f[1]), f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static Pattern namePattern(String name) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            if (name.startsWith("{n}", i)) {
                re.append("[0-9]+");
                i += 3;
            } else if (name.charAt(i) == '*') {
                re.append("[^/@]+");
                i++;
            } else {
                int next = i;
                while (next < name.length() && name.charAt(next) != '*' && !name.startsWith("{n}", next)) next++;
                re.append(Pattern.quote(name.substring(i, next)));
                i = next;
            }
        }
        return Pattern.compile(re.toString());
    }
}
