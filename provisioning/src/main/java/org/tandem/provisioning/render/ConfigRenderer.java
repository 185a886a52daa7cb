package org.tandem.provisioning.render;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Renders a family's templates (Mustache, logic-less: vendor knowledge stays in the data). A template or
 * partial is looked up as {@code vendors/<family>/models/<model>/<name>}, then
 * {@code vendors/<family>/<name>}, then the same in each parent family: a model overrides only the part
 * that differs, a newer family only the files that changed. XML files are XML-escaped; key=value files
 * lose line breaks in values, so no value can add a setting.
 */
@Component
public class ConfigRenderer {

    private static final Mustache.Escaper KEY_VALUE =
            text -> text.replace('\r', ' ').replace('\n', ' ');

    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    public String render(PhoneFamily family, String model, ProvisionedFile file, Map<String, Object> context) {
        boolean xml = file.contentType().contains("xml");
        String cacheKey = family.id() + "|" + model + "|" + file.template() + "|" + xml;
        Template t = compiled.computeIfAbsent(cacheKey, k -> compile(family, model, file.template(), xml));
        return t.execute(context);
    }

    private Template compile(PhoneFamily family, String model, String name, boolean xml) {
        Mustache.Compiler compiler = Mustache.compiler()
                .withEscaper(xml ? Escapers.HTML : KEY_VALUE)
                .nullValue("")
                .withLoader(partial -> reader(family, model, partial + ".mustache"));
        try (Reader r = reader(family, model, name)) {
            return compiler.compile(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader reader(PhoneFamily family, String model, String name) {
        String text = find(family, model, name)
                .orElseThrow(() -> new IllegalStateException(
                        "template " + name + " not found for " + family.id() + " (looked in " + family.chain() + ")"));
        return new StringReader(text);
    }

    static Optional<String> find(PhoneFamily family, String model, String name) {
        for (String id : family.chain()) {
            if (model != null) {
                Optional<String> t = read("vendors/" + id + "/models/" + model + "/" + name);
                if (t.isPresent()) return t;
            }
            Optional<String> t = read("vendors/" + id + "/" + name);
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }

    private static Optional<String> read(String path) {
        InputStream in = ConfigRenderer.class.getClassLoader().getResourceAsStream(path);
        if (in == null) return Optional.empty();
        try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = r.read(buf)) > 0; ) b.append(buf, 0, n);
            return Optional.of(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
