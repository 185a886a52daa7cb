package org.tandem.appliance.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The {@code tandem.*} part of every module's {@code META-INF/spring-configuration-metadata.json} on the class path. */
record SettingsMetadata(List<Group> groups, Map<String, Setting> properties) {

    record Group(String name, String type) {}

    /** @param defaultValue as the metadata has it: the record's {@code @DefaultValue}, or null */
    record Setting(String name, String type, String description, String defaultValue, String sourceType) {}

    static SettingsMetadata load() {
        List<Group> groups = new ArrayList<>();
        Map<String, Setting> properties = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                JsonNode root;
                try (InputStream in = r.getInputStream()) {
                    root = json.readTree(in);
                }
                for (JsonNode g : root.path("groups")) {
                    String name = g.path("name").asText();
                    if (tandem(name) && g.has("sourceType"))
                        groups.add(new Group(name, g.path("type").asText()));
                }
                for (JsonNode p : root.path("properties")) {
                    String name = p.path("name").asText();
                    if (!tandem(name)) continue;
                    properties.put(
                            name,
                            new Setting(
                                    name,
                                    p.path("type").asText(),
                                    p.path("description").asText(""),
                                    text(p.get("defaultValue")),
                                    p.path("sourceType").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        groups.sort(Comparator.comparing(Group::name).thenComparing(Group::type));
        return new SettingsMetadata(List.copyOf(groups), properties);
    }

    /** Whether a record declares {@code key}, or {@code key} is an element of a declared list ({@code key[0]}). */
    boolean declares(String key) {
        return properties.containsKey(key.replaceAll("\\[\\d+]$", ""));
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean tandem(String name) {
        return name.equals("tandem") || name.startsWith("tandem.");
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) return null;
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(JsonNode::asText)
                    .collect(Collectors.joining(", "));
        }
        String text = value.asText();
        // a list's default comes as one text, "[a, b]"
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }
}
