package org.tandem.appliance.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** An application.yml as Spring reads it: flat keys ({@code a.b[0]}) and their values as written. */
final class YamlSettings {

    private YamlSettings() {}

    static MutablePropertySources sources(Path yml) {
        MutablePropertySources sources = new MutablePropertySources();
        try {
            for (PropertySource<?> s :
                    new YamlPropertySourceLoader().load(yml.toString(), new FileSystemResource(yml))) {
                sources.addLast(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** Each key as written, a list's elements joined into one value under the list's key. */
    static Map<String, String> load(Path yml) {
        Map<String, String> values = new LinkedHashMap<>();
        for (PropertySource<?> s : sources(yml)) {
            if (!(s instanceof EnumerablePropertySource<?> e)) continue;
            for (String name : e.getPropertyNames()) {
                String key = name.replaceAll("\\[\\d+]$", "");
                String value = String.valueOf(e.getProperty(name));
                values.merge(key, value, (a, b) -> a + ", " + b);
            }
        }
        return values;
    }
}
