package org.tandem.pbx.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of user input, shared by the REST API and the web UI through {@link UserDirectory}. */
final class UserRules {

    static final Pattern EXTENSION = Pattern.compile("[0-9]{2,12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_SECRET = 8;

    private UserRules() {
    }

    static void check(UserDraft d, boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (creating) {
            if (d.extension() == null || !EXTENSION.matcher(d.extension()).matches()) {
                errors.put("extension", "must be 2 to 12 digits");
            }
        }
        if (d.displayName() == null || d.displayName().isBlank()) {
            errors.put("displayName", "is required");
        } else if (d.displayName().length() > 64) {
            errors.put("displayName", "must be at most 64 characters");
        } else if (d.displayName().chars().anyMatch(c -> c < 0x20 || c == '"' || c == '<' || c == '>' || c == 0x7f)) {
            errors.put("displayName", "must not contain control characters, quotes or angle brackets");
        }
        if (d.password() == null) {
            if (creating) errors.put("password", "is required (the SIP secret the phone uses)");
        } else if (d.password().length() < MIN_SECRET || d.password().length() > 128) {
            errors.put("password", "must be " + MIN_SECRET + " to 128 characters");
        } else if (d.password().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            errors.put("password", "must be printable ASCII without spaces (phones cannot all type others)");
        }
        if (d.email() != null && !d.email().isBlank()
                && (d.email().length() > 254 || !EMAIL.matcher(d.email()).matches())) {
            errors.put("email", "is not an e-mail address");
        }
        if (d.language() != null && !d.language().isBlank()) {
            org.tandem.pbx.prompt.Language.problem(d.language()).ifPresent(p -> errors.put("language", p));
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
    }
}
