package org.tandem.pbx.trunk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The provider templates ({@code trunk/provider-templates.json} on the classpath), read once at startup and checked:
 * unique ids, codec names Tandem knows, a source for every provider but the generic one. A bad file stops the start
 * (it ships with the jar: a test reads it too).
 */
@Service
public class ProviderTemplates {

    static final String RESOURCE = "/trunk/provider-templates.json";
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> HEADERS =
            Set.of("From", ProviderTemplate.P_ASSERTED_IDENTITY, "P-Preferred-Identity", "Remote-Party-ID");

    private record File(String about, List<ProviderTemplate> templates) {}

    private final List<ProviderTemplate> templates;

    public ProviderTemplates() {
        this(ProviderTemplates.class.getResourceAsStream(RESOURCE));
    }

    ProviderTemplates(InputStream json) {
        if (json == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        try (json) {
            File file = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(json, File.class);
            this.templates = List.copyOf(file.templates());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        check(templates);
    }

    /** In the file's order (the generic template first). */
    public List<ProviderTemplate> list() {
        return templates;
    }

    public Optional<ProviderTemplate> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        templates.forEach(t -> ids.add(t.id()));
        return ids;
    }

    private static void check(List<ProviderTemplate> templates) {
        Set<String> seen = new HashSet<>();
        for (ProviderTemplate t : templates) {
            String where = "provider template " + t.id() + ": ";
            if (t.id() == null || !ID.matcher(t.id()).matches()) throw new IllegalStateException(where + "bad id");
            if (!seen.add(t.id())) throw new IllegalStateException(where + "listed twice");
            if (t.name() == null || t.name().isBlank()) throw new IllegalStateException(where + "no name");
            if (!t.id().equals("generic") && t.sources().stream().noneMatch(s -> s.startsWith("https://"))) {
                throw new IllegalStateException(where + "no https source: only documented providers are listed");
            }
            if (t.host() == null && (t.hostHint() == null || t.hostHint().isBlank())) {
                throw new IllegalStateException(where + "neither host nor hostHint");
            }
            if (t.callerIdHeader() != null && !HEADERS.contains(t.callerIdHeader())) {
                throw new IllegalStateException(where + "unknown caller-ID header " + t.callerIdHeader());
            }
            for (String c : t.codecs()) {
                if (!c.equals(TrunkCodecs.canonical(c))) throw new IllegalStateException(where + "unknown codec " + c);
            }
            // the draft must pass the trunk rules (with an account and password typed in)
            TrunkRules.check(
                    t.draft("template-check", "account", "secret").withHost("example.net"),
                    true,
                    false,
                    Set.of(t.id()));
        }
    }
}
