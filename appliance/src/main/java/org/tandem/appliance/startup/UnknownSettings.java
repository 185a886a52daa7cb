package org.tandem.appliance.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Spring Boot ignores a key no properties record declares, so a mistyped setting ({@code --tandem.sip.prot=5070}, a
 * wrong indentation in /etc/tandem/application.yml) would change nothing without a word. This names each such
 * {@code tandem.*} key once at startup, with where it came from, against the settings' metadata (the
 * {@code META-INF/spring-configuration-metadata.json} of every module, made from the records: issue 14). The jar's own
 * application.yml is held to the records by a test, so it is not read again here.
 */
final class UnknownSettings {

    private static final Logger log = LoggerFactory.getLogger(UnknownSettings.class);
    private static final String METADATA = "classpath*:META-INF/spring-configuration-metadata.json";

    private UnknownSettings() {}

    static void warn(ConfigurableEnvironment env) {
        Map<String, String> given = new TreeMap<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> e)
                    || source instanceof SystemEnvironmentPropertySource
                    || source.getName().contains("class path resource [")) {
                continue;
            }
            for (String name : e.getPropertyNames()) {
                if (name.startsWith("tandem.")) given.putIfAbsent(name.replaceAll("\\[\\d+]$", ""), source.getName());
            }
        }
        if (given.isEmpty()) return;
        Set<String> declared = declared();
        if (declared.isEmpty()) return; // no metadata on the class path (an IDE run): nothing to tell
        given.forEach((key, source) -> {
            if (!declared.contains(key)) {
                log.warn(
                        "{} ({}) is no Tandem setting and is ignored; check its spelling against docs/configuration.md",
                        key,
                        source);
            }
        });
    }

    private static Set<String> declared() {
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver(UnknownSettings.class.getClassLoader())
                    .getResources(METADATA)) {
                try (InputStream in = r.getInputStream()) {
                    for (JsonNode p : json.readTree(in).path("properties")) {
                        String name = p.path("name").asText();
                        if (name.startsWith("tandem.")) names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            log.debug("settings metadata unreadable: {}", e.toString());
            return Set.of();
        }
        return names;
    }
}
