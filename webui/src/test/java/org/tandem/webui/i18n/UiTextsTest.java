package org.tandem.webui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.tandem.webui.frame.MenuSection;

/**
 * The web UI's texts: every language has exactly the English keys, each translated (not blank); a language asks for
 * gets its own text, any other language English whatever the server's own locale; parameters are filled in; every
 * menu section has a key.
 */
class UiTextsTest {

    private final UiTexts texts = new UiTexts();

    private static Properties load(String suffix) throws IOException {
        return load("i18n/ui", suffix);
    }

    private static Properties load(String bundle, String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = UiTexts.class.getClassLoader().getResourceAsStream(bundle + suffix + ".properties")) {
            assertThat(in).as(bundle + suffix + ".properties").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** Every bundle: {@code i18n/ui} and one per translated feature ({@code i18n/trunks}, ...), by their English file. */
    static List<String> bundles() throws IOException {
        List<String> names = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String file = r.getFilename();
            if (file != null && !file.contains("_")) names.add("i18n/" + file.replace(".properties", ""));
        }
        assertThat(names).contains("i18n/ui");
        return names;
    }

    static List<Arguments> bundlesAndLanguages() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String b : bundles()) for (String s : List.of("_de", "_fr", "_es")) all.add(Arguments.of(b, s));
        return all;
    }

    @ParameterizedTest
    @MethodSource("bundlesAndLanguages")
    void everyLanguageHasExactlyTheEnglishKeys(String bundle, String suffix) throws IOException {
        Properties english = load(bundle, "");
        Properties other = load(bundle, suffix);
        assertThat(other.stringPropertyNames())
                .as(bundle + suffix)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        other.forEach(
                (k, v) -> assertThat((String) v).as(bundle + suffix + " " + k).isNotBlank());
    }

    /** A feature bundle holds only its own feature's keys, or they would never be found there. */
    @ParameterizedTest
    @MethodSource("bundles")
    void aFeatureBundleHoldsItsFeaturesKeys(String bundle) throws IOException {
        if (bundle.equals("i18n/ui")) return;
        for (String key : load(bundle, "").stringPropertyNames()) {
            assertThat(UiTexts.featureOf(key)).as(key + " in " + bundle).isEqualTo(bundle);
        }
    }

    @Test
    void eachLanguageGetsItsOwnTextsAndAnyOtherEnglish() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN); // a server in Germany still answers English to whoever asks for it
            assertThat(texts.getTranslation("page.users", Locale.ENGLISH)).isEqualTo("Users");
            assertThat(texts.getTranslation("page.users", Locale.forLanguageTag("de-CH")))
                    .isEqualTo("Benutzer");
            assertThat(texts.getTranslation("page.users", Locale.FRENCH)).isEqualTo("Utilisateurs");
            assertThat(texts.getTranslation("page.users", Locale.forLanguageTag("es-MX")))
                    .isEqualTo("Usuarios");
            assertThat(texts.getTranslation("page.users", Locale.ITALIAN)).isEqualTo("Users");
            assertThat(texts.getTranslation("no.such.key", Locale.FRENCH)).isEqualTo("no.such.key");
            assertThat(texts.getTranslation("user.title", Locale.GERMAN, "475")).isEqualTo("Benutzer 475");
            assertThat(texts.getTranslation("user.saved", Locale.FRENCH, "475"))
                    .isEqualTo("Utilisateur 475 enregistré");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyMenuSectionAndTheKeyOfAPageTitleAreThere() throws IOException {
        Properties english = load("");
        for (MenuSection s : MenuSection.values()) {
            assertThat(english.getProperty("section." + s.name().toLowerCase(Locale.ROOT)))
                    .isEqualTo(s.label());
        }
        assertThat(UiTexts.pageKey("IVR menus")).isEqualTo("page.ivr-menus");
        assertThat(english.getProperty(UiTexts.pageKey("Voicemail boxes"))).isEqualTo("Voicemail boxes");
        assertThat(texts.getProvidedLocales()).extracting(Locale::getLanguage).containsExactly("en", "de", "fr", "es");
    }

    /**
     * A text with placeholders has the English ones and keeps them through MessageFormat (an apostrophe there must be
     * doubled, or the rest of the text would be swallowed); a text without any is shown as it is, so it has no doubled
     * apostrophe.
     */
    static List<Arguments> bundlesAndAllLanguages() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String b : bundles()) for (String s : List.of("", "_de", "_fr", "_es")) all.add(Arguments.of(b, s));
        return all;
    }

    @ParameterizedTest
    @MethodSource("bundlesAndAllLanguages")
    void placeholdersAreTheEnglishOnesAndSurviveFormatting(String bundle, String suffix) throws IOException {
        Properties english = load(bundle, "");
        Properties other = load(bundle, suffix);
        java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\{(\\d)}");
        for (String key : english.stringPropertyNames()) {
            String text = other.getProperty(key);
            java.util.Set<String> wanted = new java.util.TreeSet<>();
            placeholder.matcher(english.getProperty(key)).results().forEach(m -> wanted.add(m.group(1)));
            java.util.Set<String> found = new java.util.TreeSet<>();
            placeholder.matcher(text).results().forEach(m -> found.add(m.group(1)));
            assertThat(found).as(suffix + " " + key).isEqualTo(wanted);
            if (wanted.isEmpty()) {
                assertThat(text).as(suffix + " " + key + " is shown as it is").doesNotContain("''");
                continue;
            }
            String shown = new java.text.MessageFormat(text, Locale.ROOT).format(new Object[] {"P0", "P1", "P2"});
            for (String n : wanted) assertThat(shown).as(suffix + " " + key).contains("P" + n);
            assertThat(shown).as(suffix + " " + key).doesNotContain("{");
            assertThat(shown.chars().filter(c -> c == '\'').count())
                    .as(suffix + " " + key + ": apostrophes kept")
                    .isEqualTo(text.replace("''", "'")
                            .chars()
                            .filter(c -> c == '\'')
                            .count());
        }
    }

    /** The portal's and the dashboard's texts are there (issue 18's second round), in every language. */
    @Test
    void thePortalAndTheDashboardAreTranslated() {
        assertThat(texts.getTranslation("portal.tab.call-handling", Locale.GERMAN))
                .isEqualTo("Anrufbehandlung");
        assertThat(texts.getTranslation("portal.title", Locale.GERMAN, "Dora", "475"))
                .isEqualTo("Dora · Durchwahl 475");
        assertThat(texts.getTranslation("portal.queues.paused-since", Locale.FRENCH, "agent fixe", "2026-11-25 10:00"))
                .isEqualTo("agent fixe, en pause depuis 2026-11-25 10:00");
        assertThat(texts.getTranslation("dashboard.queues.agents", Locale.forLanguageTag("es"), 1, 2, 3))
                .isEqualTo("Agentes: 1 libres · 2 en pausa · 3 ocupados");
    }
}
