package org.tandem.pbx.validation;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What is wrong with one field, as a key of {@code messages/validation*.properties} and its arguments, so that the
 * same refusal reads in English in the API and the logs and in the admin's language in the web UI. A text from
 * outside (a parser's own message) that has no key is a literal: it reads the same in every language.
 */
public final class FieldError {

    /** English, German, French, Spanish; any other language reads English. */
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    private static final String BUNDLE = "messages.validation";
    /** Never the JVM's default locale as a fallback: a server in Germany still answers English to whoever asks for it. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String key;
    private final List<Object> args;
    private final String literal;
    /** Several problems of one field, read one after another ("; " between them); null for any other error. */
    private final List<FieldError> parts;

    private FieldError(String key, List<Object> args, String literal, List<FieldError> parts) {
        this.key = key;
        this.args = args;
        this.literal = literal;
        this.parts = parts;
    }

    /**
     * The message {@code key} with {@code args} for its {@code {0}}, {@code {1}}...; each argument is inserted as
     * {@link String#valueOf} gives it (a number as plain digits, in every language), except a {@link FieldError},
     * which is read in the same language (a word of the message that has its own key, e.g. a feature's name).
     */
    public static FieldError of(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        return new FieldError(
                key,
                Arrays.stream(args)
                        .map(a -> a instanceof FieldError nested ? nested : String.valueOf(a))
                        .toList(),
                null,
                null);
    }

    /** A text without a key, the same in every language. */
    public static FieldError literal(String text) {
        return new FieldError(null, List.of(), Objects.requireNonNull(text, "text"), null);
    }

    /** Several problems of one field (e.g. of a phone's keys), each in the reader's language, separated by "; ". */
    public static FieldError all(List<FieldError> problems) {
        if (problems.size() == 1) return problems.get(0);
        return new FieldError(null, List.of(), null, List.copyOf(problems));
    }

    /** The key, or null for a literal or several problems. */
    public String key() {
        return key;
    }

    /** Each argument: a String, or a FieldError read in the message's language. */
    public List<Object> args() {
        return args;
    }

    /** The sentence in English. */
    public String text() {
        return text(Locale.ENGLISH);
    }

    /**
     * The sentence in {@code locale}'s language, English when Tandem has no such language or the language lacks the
     * key. Like the web UI's texts: a pattern with arguments is a {@link MessageFormat} (an apostrophe doubled), one
     * without is the text as written.
     */
    public String text(Locale locale) {
        if (parts != null)
            return String.join("; ", parts.stream().map(p -> p.text(locale)).toList());
        if (key == null) return literal;
        String pattern = pattern(key, locale);
        if (pattern == null) pattern = pattern(key, Locale.ENGLISH);
        if (pattern == null) throw new MissingResourceException("no validation message " + key, BUNDLE, key);
        Locale language = language(locale);
        if (args.isEmpty()) return pattern;
        Object[] words = args.stream()
                .map(a -> a instanceof FieldError nested ? nested.text(locale) : a)
                .toArray();
        return new MessageFormat(pattern, language).format(words);
    }

    /** The pattern of {@code key} in {@code locale}'s bundle, or null. */
    static String pattern(String key, Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, language(locale), FieldError.class.getClassLoader(), CONTROL)
                    .getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    private static Locale language(Locale locale) {
        String language = locale == null ? "en" : locale.getLanguage();
        return LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldError e
                && Objects.equals(key, e.key)
                && args.equals(e.args)
                && Objects.equals(literal, e.literal)
                && Objects.equals(parts, e.parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, args, literal, parts);
    }

    /** The English sentence. */
    @Override
    public String toString() {
        return text();
    }
}
