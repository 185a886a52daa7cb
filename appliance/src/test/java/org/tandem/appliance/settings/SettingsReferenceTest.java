package org.tandem.appliance.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;

/**
 * The settings' one reference (issue 14): each {@code tandem.*} default is written once, on its properties record
 * ({@code @DefaultValue}), and the configuration processor puts it with the record's Javadoc into each module's
 * {@code META-INF/spring-configuration-metadata.json}. This test holds everything else to that: the appliance's
 * application.yml (which shows the settings to the admin), the keys the code, the scripts and the tests name, and
 * docs/configuration.md, which is generated from the metadata. Spring ignores an unknown key silently, so a typo in
 * any of these would otherwise go unnoticed.
 */
class SettingsReferenceTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path APPLICATION_YML = ROOT.resolve("appliance/src/main/resources/application.yml");
    static final Path INSTALLED_YML = ROOT.resolve("installer/src/deb/etc/application.yml");
    static final Path REFERENCE = ROOT.resolve("docs/configuration.md");

    /**
     * Where the appliance deliberately differs from a library module's default (the modules also run without the
     * appliance: in their tests, side by side). Each must differ: the test fails when one no longer does.
     */
    static final Map<String, String> APPLIANCE_CHOICES = Map.of(
            "tandem.sip.tls-port", "the appliance serves SIP-TLS; pbx-core alone (its tests) does not",
            "tandem.auth.algorithms", "MD5 first for phones that read only the first challenge (SIPp 3.6 too)",
            "tandem.provisioning.tftp-port", "the appliance serves TFTP (69 when installed); the module alone does not",
            "tandem.media.recording-dir", "under the data directory; the media module alone uses java.io.tmpdir");

    /** Misspelt on purpose, to show what a typo does (UnknownSettings and its test). */
    static final Set<String> DELIBERATE_TYPOS = Set.of("tandem.sip.prot");

    final SettingsMetadata metadata = SettingsMetadata.load();

    @Test
    void everySettingHasADescription() {
        assertThat(metadata.properties().values())
                .isNotEmpty()
                .filteredOn(p -> p.description().isBlank())
                .extracting(SettingsMetadata.Setting::name)
                .as("settings without Javadoc on their record component")
                .isEmpty();
    }

    @Test
    void applicationYmlNamesOnlyDeclaredSettings() {
        for (Path yml : List.of(APPLICATION_YML, INSTALLED_YML)) {
            assertThat(new TreeSet<>(YamlSettings.load(yml).keySet()))
                    .as(yml + ": keys no properties record declares")
                    .filteredOn(k -> k.startsWith("tandem."))
                    .filteredOn(k -> !metadata.declares(k))
                    .isEmpty();
        }
    }

    /** The yml shows the admin each default: bound as the appliance binds it, it must give the records' defaults. */
    @Test
    void applicationYmlShowsTheRecordsDefaults() throws ClassNotFoundException {
        MutablePropertySources yml = YamlSettings.sources(APPLICATION_YML);
        Binder fromYml =
                new Binder(ConfigurationPropertySources.from(yml), new PropertySourcesPlaceholdersResolver(yml));
        Binder fromNothing = new Binder(List.of());
        List<String> disagreements = new ArrayList<>();
        Set<String> chosen = new TreeSet<>();
        for (SettingsMetadata.Group group : metadata.groups()) {
            Class<?> type = Class.forName(group.type());
            Object shown = fromYml.bindOrCreate(group.name(), type);
            Object byDefault = fromNothing.bindOrCreate(group.name(), type);
            for (RecordComponent c : type.getRecordComponents()) {
                String key = group.name() + "." + SettingsMetadata.kebab(c.getName());
                Object a = value(c, shown);
                Object b = value(c, byDefault);
                if (same(a, b)) continue;
                if (APPLIANCE_CHOICES.containsKey(key)) {
                    chosen.add(key);
                } else {
                    disagreements.add(key + ": application.yml gives " + a + ", the record's default is " + b);
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(chosen)
                .as("the appliance's own choices still differ from the modules' defaults")
                .containsExactlyInAnyOrderElementsOf(APPLIANCE_CHOICES.keySet());
    }

    /** A key in a placeholder, an Environment lookup, a command-line flag or a test's property, but declared nowhere. */
    @Test
    void everyKeyTheCodeNamesIsDeclared() throws IOException {
        Pattern main =
                Pattern.compile("\\$\\{(tandem\\.[a-z0-9.-]*[a-z0-9])|getProperty\\(\"(tandem\\.[a-z0-9.-]*[a-z0-9])\""
                        + "|--(tandem\\.[a-z0-9.-]*[a-z0-9])=");
        Pattern test =
                Pattern.compile("--(tandem\\.[a-z0-9.-]*[a-z0-9])=|(?:registry\\.add|withProperty|withPropertyValues"
                        + "|props\\.put|properties\\.put)\\(\"(tandem\\.[a-z0-9.-]*[a-z0-9])[\"=]"
                        + "|Map\\.of\\(\"(tandem\\.[a-z0-9.-]*[a-z0-9])\"");
        Map<String, Set<String>> undeclared = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(SettingsReferenceTest::scanned)
                    .toList()) {
                String rel = ROOT.relativize(f).toString();
                Matcher m = (rel.contains("/src/test/") ? test : main).matcher(Files.readString(f));
                while (m.find()) {
                    String key = Stream.of(1, 2, 3)
                            .filter(i -> i <= m.groupCount())
                            .map(m::group)
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElseThrow();
                    if (!key.startsWith("tandem.test.") && !DELIBERATE_TYPOS.contains(key) && !metadata.declares(key)) {
                        undeclared.computeIfAbsent(key, k -> new TreeSet<>()).add(rel);
                    }
                }
            }
        }
        assertThat(undeclared)
                .as("tandem.* keys no properties record declares (a typo, or a setting without a record)")
                .isEmpty();
    }

    /**
     * The rule of docs/architecture.md (Storage): code reads a setting's bound value, never with a default of its own
     * ({@code @Value("${key:default}")}, {@code getProperty(key, default)}, {@code Integer.getInteger(key, default)}),
     * which would be a second copy, free to drift from the record's (or, for {@code server.*}, from Spring Boot's). An
     * empty default only says "unset" and passes.
     */
    @Test
    void noCodeWritesADefaultOfItsOwn() throws IOException {
        Pattern inline = Pattern.compile("\\$\\{((?:tandem|server)\\.[a-z0-9.-]+):(?!})");
        Pattern lookup = Pattern.compile("(?:getProperty|getInteger|getLong)\\(\"((?:tandem|server)\\.[a-z0-9.-]+)\"");
        Map<String, Set<String>> ownDefaults = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(SettingsReferenceTest::scanned)
                    .toList()) {
                String rel = ROOT.relativize(f).toString();
                // WebServerPort is where server.port falls back to Spring Boot's default (read from Spring Boot)
                if (rel.contains("/src/test/") || rel.endsWith("/config/WebServerPort.java")) continue;
                String text = Files.readString(f);
                Matcher m = inline.matcher(text);
                while (m.find())
                    ownDefaults
                            .computeIfAbsent(m.group(1), k -> new TreeSet<>())
                            .add(rel);
                m = lookup.matcher(text);
                while (m.find()) {
                    List<String> rest = arguments(text, m.end());
                    if (!rest.isEmpty() && rest.get(0).endsWith(".class")) rest = rest.subList(1, rest.size());
                    if (!rest.isEmpty() && !rest.equals(List.of("\"\""))) {
                        ownDefaults
                                .computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                .add(rel + ": " + rest);
                    }
                }
            }
        }
        assertThat(ownDefaults)
                .as("settings read with a default of their own (bind the record, or config.WebServerPort)")
                .isEmpty();
    }

    /** The further arguments of a call whose first argument ends at {@code from}, split at top-level commas. */
    private static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder arg = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && (c == ',' || c == ')')) {
                if (!arg.toString().isBlank()) args.add(arg.toString().strip());
                arg.setLength(0);
                if (c == ')') break;
                continue;
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            arg.append(c);
        }
        return args;
    }

    /**
     * docs/configuration.md is the metadata (and what application.yml sets) as a table. Stale: rewrite it with
     * {@code -Dtandem.docs.write=true} (see the page's head).
     */
    @Test
    void theReferencePageIsCurrent() throws IOException {
        String page = new ReferencePage(metadata, YamlSettings.load(APPLICATION_YML)).render();
        if (Boolean.getBoolean("tandem.docs.write")) Files.writeString(REFERENCE, page);
        assertThat(Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "")
                .as("docs/configuration.md is stale: rerun this test with -Dtandem.docs.write=true")
                .isEqualTo(page);
    }

    private static boolean scanned(Path f) {
        String p = f.toString();
        if (p.contains("/target/")
                || p.contains("/node_modules/")
                || p.contains("/.git/")
                || p.contains("/frontend/generated/")) {
            return false;
        }
        return (p.contains("/src/") || p.contains("/bench/") || p.contains("/scripts/"))
                && (p.endsWith(".java")
                        || p.endsWith(".yml")
                        || p.endsWith(".sh")
                        || p.endsWith(".properties")
                        || p.endsWith(".service")
                        || p.endsWith(".conf"));
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blank counts as unset, as everywhere in the properties records. */
    private static boolean same(Object a, Object b) {
        if (a instanceof String s && s.isBlank()) a = null;
        if (b instanceof String s && s.isBlank()) b = null;
        return Objects.equals(a, b);
    }
}
