package org.tandem.webui.portal.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web phone's texts exist three times: the keys the server sends ({@link PortalPhone#TEXTS}), the English
 * fallback in {@code tandem-phone.js} (shown before the server's texts arrive) and {@code ui.properties}. They must
 * agree, or a language silently falls back to English for one key.
 */
class PortalPhoneTextsTest {

    @Test
    void theElementsEnglishFallbackIsTheBundlesEnglishForEveryKeyTheServerSends() throws IOException {
        Map<String, String> js = englishInTheElement();
        Properties bundle = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/ui.properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        assertThat(js.keySet()).containsExactlyInAnyOrderElementsOf(PortalPhone.TEXTS);
        for (String key : PortalPhone.TEXTS) {
            assertThat(js.get(key)).as(key).isEqualTo(bundle.getProperty("portal.phone." + key));
        }
    }

    @Test
    void everyTextTheElementShowsGoesThroughTheTranslatedTable() throws IOException {
        String source = Files.readString(element());
        String render = source.substring(source.indexOf("render() {"));
        // a button or label with a literal English word between tags would not follow the page's language
        assertThat(Pattern.compile(">[A-Z][a-z]+( [a-z]+)*<").matcher(render).find())
                .isFalse();
        Matcher used = Pattern.compile("this\\.t\\('([a-z-]+)'").matcher(source);
        while (used.find())
            assertThat(PortalPhone.TEXTS).as("used in the element").contains(used.group(1));
    }

    private static Map<String, String> englishInTheElement() throws IOException {
        String source = Files.readString(element());
        String table = source.substring(
                source.indexOf("const ENGLISH = {"), source.indexOf("};", source.indexOf("const ENGLISH")));
        Map<String, String> texts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("'([a-z-]+)': '([^']*)'").matcher(table);
        while (m.find()) texts.put(m.group(1), m.group(2));
        return texts;
    }

    private static Path element() {
        Path p = Path.of("src/main/frontend/phone/tandem-phone.js");
        return Files.exists(p) ? p : Path.of("webui").resolve(p);
    }
}
