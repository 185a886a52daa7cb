package org.tandem.pbx.prompt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tandem.pbx.validation.FieldError;

/**
 * A language the media services speak: each has a shipped prompt set ({@code prompts/<code>/}) and a
 * {@link Speaker} for its numbers, dates and times. A prompt missing in a language is played in English.
 */
public enum Language {
    EN("en", "English"),
    DE("de", "Deutsch"),
    FR("fr", "Français"),
    ES("es", "Español");

    private final String code;
    private final String displayName;

    Language(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The ISO 639-1 code: the prompt folder's name and the value in the API and the database. */
    public String code() {
        return code;
    }

    /** The language's name in itself ("Deutsch"), for pickers. */
    public String displayName() {
        return displayName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The language of {@code code} (en, de, fr, es; any case); empty for anything else. */
    public static Optional<Language> of(String code) {
        if (code == null) return Optional.empty();
        String c = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(c)).findFirst();
    }

    /** {@link #of}, or English for null, blank or unknown (a row written before languages existed). */
    public static Language orEnglish(String code) {
        return of(code).orElse(EN);
    }

    /** "en, de, fr or es", for error messages. */
    public static String choices() {
        String all = Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * The error for a field holding {@code code}, or empty when it is a language (or null: not changed).
     * Callers put it next to the field ({@code InvalidInputException}).
     */
    public static Optional<FieldError> problem(String code) {
        if (code == null || of(code).isPresent()) return Optional.empty();
        return Optional.of(FieldError.of("language.unknown", code));
    }
}
