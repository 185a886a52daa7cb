package org.tandem.webui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.webui.frame.MenuSection;

/**
 * The web UI's texts: every language has exactly the English keys, each translated (not blank); a language asks for
 * gets its own text, any other language English whatever the server's own locale; parameters are filled in; every
 * menu section has a key.
 */
class UiTextsTest {

    private final UiTexts texts = new UiTexts();

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = UiTexts.class.getClassLoader().getResourceAsStream("i18n/ui" + suffix + ".properties")) {
            assertThat(in).as("i18n/ui" + suffix + ".properties").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"_de", "_fr", "_es"})
    void everyLanguageHasExactlyTheEnglishKeys(String suffix) throws IOException {
        Properties english = load("");
        Properties other = load(suffix);
        assertThat(other.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        other.forEach((k, v) -> assertThat((String) v).as(suffix + " " + k).isNotBlank());
    }

    @Test
    void eachLanguageGetsItsOwnTextsAndAnyOtherEnglish() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN); // a server in Germany still answers English to whoever asks for it
            assertThat(texts.getTranslation("page.users", Locale.ENGLISH)).isEqualTo("Users");
            assertThat(texts.getTranslation("page.users", Locale.forLanguageTag("de-CH"))).isEqualTo("Benutzer");
            assertThat(texts.getTranslation("page.users", Locale.FRENCH)).isEqualTo("Utilisateurs");
            assertThat(texts.getTranslation("page.users", Locale.forLanguageTag("es-MX"))).isEqualTo("Usuarios");
            assertThat(texts.getTranslation("page.users", Locale.ITALIAN)).isEqualTo("Users");
            assertThat(texts.getTranslation("no.such.key", Locale.FRENCH)).isEqualTo("no.such.key");
            assertThat(texts.getTranslation("user.title", Locale.GERMAN, "475")).isEqualTo("Benutzer 475");
            assertThat(texts.getTranslation("user.saved", Locale.FRENCH, "475")).isEqualTo("Utilisateur 475 enregistré");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyMenuSectionAndTheKeyOfAPageTitleAreThere() throws IOException {
        Properties english = load("");
        for (MenuSection s : MenuSection.values()) {
            assertThat(english.getProperty("section." + s.name().toLowerCase(Locale.ROOT))).isEqualTo(s.label());
        }
        assertThat(UiTexts.pageKey("IVR menus")).isEqualTo("page.ivr-menus");
        assertThat(english.getProperty(UiTexts.pageKey("Voicemail boxes"))).isEqualTo("Voicemail boxes");
        assertThat(texts.getProvidedLocales()).extracting(Locale::getLanguage).containsExactly("en", "de", "fr", "es");
    }
}
