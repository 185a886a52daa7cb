package org.tandem.pbx.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.paging.MulticastAddress;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.security.internal.AddressMatcher;

/**
 * The server's validation messages in four languages (issue 18): every key of {@code messages/validation.properties}
 * in German, French and Spanish with the same placeholders, every key the code names in the English bundle, and the
 * English sentences exactly as the API and the browser tests have always read them.
 */
class ValidationMessagesTest {

    private static final List<String> TRANSLATIONS = List.of("de", "fr", "es");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    /** A string literal in Java source that looks like a message key: {@code "queue.leave-key"}. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][a-z-]*\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])\"");
    /**
     * The modules whose code refuses input with an InvalidInputException (the web UI only shows them; its own
     * {@code ivr.*}-style keys are the web UI's texts, in its own bundles).
     */
    private static final List<Path> SOURCES = List.of(
            Path.of("src/main/java"),
            Path.of("../sip-core/src/main/java"),
            Path.of("../appliance/src/main/java"),
            Path.of("../provisioning/src/main/java"));

    @Test
    void everyLanguageHasExactlyTheEnglishKeysWithTheSamePlaceholders() throws IOException {
        Map<String, String> english = bundle("");
        assertThat(english).hasSizeGreaterThan(150);
        for (String language : TRANSLATIONS) {
            Map<String, String> translated = bundle("_" + language);
            assertThat(translated.keySet()).as(language).containsExactlyInAnyOrderElementsOf(english.keySet());
            english.forEach((key, text) -> {
                String other = translated.get(key);
                assertThat(other).as(language + " " + key).isNotBlank();
                assertThat(placeholders(other))
                        .as(language + " " + key + " placeholders")
                        .isEqualTo(placeholders(text));
            });
        }
    }

    /** TRANSLATE.md: with placeholders an apostrophe is doubled (MessageFormat), without it is written once. */
    @Test
    void apostrophesAreWrittenTheWayTheirTextIsRead() throws IOException {
        for (String suffix : List.of("", "_de", "_fr", "_es")) {
            bundle(suffix).forEach((key, text) -> {
                if (placeholders(text).isEmpty()) {
                    assertThat(text)
                            .as(suffix + " " + key + " has no placeholder: one apostrophe")
                            .doesNotContain("''");
                } else {
                    assertThat(text.replace("''", ""))
                            .as(suffix + " " + key + ": apostrophes doubled")
                            .doesNotContain("'");
                }
            });
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheBundle() throws IOException {
        Map<String, String> english = bundle("");
        Set<String> features = english.keySet().stream()
                .map(k -> k.substring(0, k.indexOf('.')))
                .collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (!source.contains("FieldError")
                            && !source.contains("InvalidInputException")
                            && !source.contains("InvalidValueException")
                            && !source.contains("DuplicateException")) {
                        continue;
                    }
                    Matcher m = KEY_LITERAL.matcher(source);
                    while (m.find()) {
                        String key = m.group(1);
                        if (!features.contains(key.substring(0, key.indexOf('.')))) continue;
                        used.add(key);
                        if (!english.containsKey(key)) missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).as("keys the code uses that the bundle lacks").isEmpty();
        assertThat(used).as("the scan finds the code's keys").hasSizeGreaterThan(150);
        // built as "feature." + name: one per feature, English as the admin pages name it, lower-case
        for (Feature f : Feature.values()) {
            assertThat(english.get("feature." + f.name()))
                    .as(f.name())
                    .isEqualTo(f.label().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void theEnglishSentencesAreTheOnesTheApiHasAlwaysSent() {
        assertThat(FieldError.of("common.digits-2-to-12").text()).isEqualTo("must be 2 to 12 digits");
        assertThat(FieldError.of("dial-pattern.bad-char", "9|0X!", '!').text())
                .isEqualTo("'9|0X!': '!' is not allowed (use digits, X, Z, N, [..], ., +, *, #, |)");
        assertThat(FieldError.of("destination.no-voicemail-box", "209").text())
                .isEqualTo("there is no voicemail box 209 (boxes are users' extensions)");
        assertThat(FieldError.of("recording.quota", 100_000_000).text())
                .as("numbers as plain digits, never grouped")
                .isEqualTo("megabytes from 0 (no quota) to 100000000");
        assertThat(FieldError.of("feature-code.same-as", FieldError.of("feature.PARK"))
                        .text())
                .isEqualTo("is the same code as park a call");
        assertThat(FieldError.of("trunk.host-required").text())
                .isEqualTo("is required: the provider's SIP server (name or address)");
    }

    @Test
    void anExceptionReadsInEnglishAndInThePersonsLanguage() {
        InvalidInputException e = InvalidInputException.of(
                new LinkedHashMap<>(Map.of("extension", FieldError.of("common.digits-2-to-12"))));
        assertThat(e.fieldErrors()).containsEntry("extension", "must be 2 to 12 digits");
        assertThat(e.fieldErrors(Locale.GERMANY)).containsEntry("extension", "muss 2 bis 12 Ziffern lang sein");
        assertThat(e.fieldErrors(Locale.FRENCH)).containsEntry("extension", "doit comporter 2 à 12 chiffres");
        assertThat(e.fieldErrors(Locale.forLanguageTag("es-MX")))
                .containsEntry("extension", "debe tener de 2 a 12 dígitos");
        assertThat(e.fieldErrors(Locale.ITALIAN))
                .as("a language Tandem lacks reads English")
                .containsEntry("extension", "must be 2 to 12 digits");
        assertThat(e.getMessage()).isEqualTo("Invalid input: {extension=must be 2 to 12 digits}");

        InvalidInputException nested =
                new InvalidInputException("PARK", "feature-code.same-as", FieldError.of("feature.VOICEMAIL_OWN"));
        assertThat(nested.fieldErrors(Locale.GERMAN)).containsEntry("PARK", "ist derselbe Code wie „eigene Sprachbox“");

        InvalidInputException literal = new InvalidInputException(Map.of("file", "not a PEM file"));
        assertThat(literal.fieldErrors(Locale.GERMAN))
                .as("a text without a key stays as it is")
                .containsEntry("file", "not a PEM file");
        assertThat(literal.errors().get("file").key()).isNull();
    }

    /**
     * The parsers' refusals (multicast address, allow-list entry) and a duplicate's sentence carry their key, so they
     * read in the person's language like any field error; their English is what the API has always sent.
     */
    @Test
    void parsersAndDuplicatesReadInThePersonsLanguage() {
        assertThatThrownBy(() -> MulticastAddress.parse("224.0.0.5:5000"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.getMessage()).startsWith("224.0.0.0 to 224.0.0.255 is reserved for routing protocols");
                    assertThat(e.error().text(Locale.GERMAN))
                            .startsWith("224.0.0.0 bis 224.0.0.255 ist für Routing-Protokolle");
                    assertThat(e.error().text(Locale.FRENCH)).startsWith("224.0.0.0 à 224.0.0.255 est réservé");
                    assertThat(e.error().text(Locale.forLanguageTag("es")))
                            .startsWith("224.0.0.0 a 224.0.0.255 está reservado");
                });
        assertThatThrownBy(() -> AddressMatcher.normalise("10.0.0.0/33"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the prefix length after '/' must be 0 to 32 for IPv4");
                    assertThat(e.error().text(Locale.FRENCH))
                            .isEqualTo("la longueur de préfixe après « / » doit être comprise entre 0 et 32 en IPv4");
                });
        assertThatThrownBy(() -> AddressMatcher.normalise("pbx.example"))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.error().text(Locale.forLanguageTag("es")))
                                .startsWith("«pbx.example» no es una dirección IP ni un bloque CIDR"));

        DuplicateException taken =
                new DuplicateException("duplicate.number-used", "600", FieldError.of("claim.ring-group", "Vertrieb"));
        assertThat(taken.getMessage()).isEqualTo("Number 600 is already used by ring group Vertrieb");
        assertThat(taken.text(Locale.GERMAN)).isEqualTo("Die Nummer 600 ist bereits vergeben: Rufgruppe Vertrieb");
        assertThat(taken.text(Locale.FRENCH))
                .isEqualTo("Le numéro 600 est déjà utilisé par le groupe d'appel Vertrieb");
        assertThat(taken.text(Locale.forLanguageTag("es")))
                .isEqualTo("El número 600 ya lo usa el grupo de timbrado Vertrieb");
        assertThat(new DuplicateException("duplicate.blocklist-prefix-user", "0900", "201", 7).text(Locale.GERMAN))
                .isEqualTo("Der Nummernanfang 0900 steht bereits auf der Sperrliste von 201 (Eintrag 7)");
        assertThat(new DuplicateException("duplicate.blocklist-number-pbx", "+4930123", 12).getMessage())
                .isEqualTo("Number +4930123 is already on the PBX's blocklist (entry 12)");
        assertThat(FieldError.of("user-import.extension-twice", "852", 3).text(Locale.GERMAN))
                .isEqualTo("852 kommt doppelt vor (auch in Zeile 3)");
        assertThat(FieldError.of("user-import.field-count", 2, 3).text(Locale.FRENCH))
                .isEqualTo("a 2 champs, l'en-tête 3");
    }

    @Test
    void anUnknownKeyFailsLoudlyInsteadOfShowingNothing() {
        assertThatThrownBy(() -> FieldError.of("queue.no-such-message").text())
                .hasMessageContaining("queue.no-such-message");
    }

    private static Map<String, String> bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                ValidationMessagesTest.class.getResourceAsStream("/messages/validation" + suffix + ".properties")) {
            assertThat(in).as("messages/validation" + suffix + ".properties").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
