package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Template lookup: a model's override first, then its family, then the parent family — partials
 * included. The templates are test resources under {@code vendors/acme/} without a family.properties,
 * so the real catalog does not see them.
 */
class ConfigRendererTest {

    static final ProvisionedFile CONFIG =
            new ProvisionedFile("config", "{mac}.cfg", "config.mustache", ProvisionedFile.Kind.CONFIG, "text/plain");

    static PhoneFamily family(String id, List<String> chain) {
        return new PhoneFamily(id, "acme", id, chain, List.of(), List.of(CONFIG), List.of(), "keyvalue", Map.of(), 0);
    }

    final ConfigRenderer renderer = new ConfigRenderer();
    final Map<String, Object> context = Map.of("model", "A1", "lines", List.of(Map.of("number", 1)));

    @Test
    void aModelOverridesOnlyThePartialThatDiffers() {
        PhoneFamily base = family("acme/base", List.of("acme/base"));
        assertThat(renderer.render(base, "A1", CONFIG, context)).isEqualTo("config A1\nline 1 base\nkeys base\n");
        assertThat(renderer.render(base, "A2", CONFIG, Map.of("model", "A2", "lines", List.of(Map.of("number", 1)))))
                .isEqualTo("config A2\nline 1 A2 override\nkeys base\n");
    }

    @Test
    void aChildFamilyInheritsTheTemplatesAndOverridesItsOwn() {
        PhoneFamily child = family("acme/child", List.of("acme/child", "acme/base"));
        assertThat(renderer.render(child, "A1", CONFIG, context)).isEqualTo("config A1\nline 1 base\nkeys child\n");
    }

    @Test
    void keyValueValuesCannotAddLines() {
        PhoneFamily base = family("acme/base", List.of("acme/base"));
        String text = renderer.render(
                base, "A1\nadmin.password = x", CONFIG, Map.of("model", "A1\nadmin.password = x", "lines", List.of()));
        assertThat(text.lines()).first().isEqualTo("config A1 admin.password = x");
    }
}
