package org.tandem.pbx.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of user input, shared by the REST API and the web UI through {@link UserDirectory}. */
final class UserRules {

    static final Pattern EXTENSION = Pattern.compile("[0-9]{2,12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_SECRET = 8;

    private UserRules() {}

    static void check(UserDraft d, boolean creating) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (creating) {
            if (d.extension() == null || !EXTENSION.matcher(d.extension()).matches()) {
                errors.put("extension", FieldError.of("common.digits-2-to-12"));
            }
        }
        if (d.displayName() == null || d.displayName().isBlank()) {
            errors.put("displayName", FieldError.of("common.required"));
        } else if (d.displayName().length() > 64) {
            errors.put("displayName", FieldError.of("user.display-name-length"));
        } else if (d.displayName().chars().anyMatch(c -> c < 0x20 || c == '"' || c == '<' || c == '>' || c == 0x7f)) {
            errors.put("displayName", FieldError.of("user.display-name-characters"));
        }
        if (d.password() == null) {
            if (creating) errors.put("password", FieldError.of("user.sip-password-required"));
        } else if (d.password().length() < MIN_SECRET || d.password().length() > 128) {
            errors.put("password", FieldError.of("user.sip-password-length", MIN_SECRET));
        } else if (d.password().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            errors.put("password", FieldError.of("user.sip-password-characters"));
        }
        if (d.email() != null
                && !d.email().isBlank()
                && (d.email().length() > 254 || !EMAIL.matcher(d.email()).matches())) {
            errors.put("email", FieldError.of("common.email"));
        }
        if (d.language() != null && !d.language().isBlank()) {
            Language.problem(d.language()).ifPresent(p -> errors.put("language", p));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
    }
}
