package org.tandem.pbx.trunk;

import java.util.Locale;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * What a user may call, and what an outbound route needs (as SER's ACL groups): each class includes
 * the ones before it. Emergency numbers need none.
 */
public enum PermissionClass {
    INTERNAL,
    LOCAL,
    NATIONAL,
    INTERNATIONAL;

    public boolean allows(PermissionClass needed) {
        return compareTo(needed) >= 0;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code internal|local|national|international}; null or blank gives {@code fallback}. */
    public static PermissionClass parse(String text, String field, PermissionClass fallback) {
        if (text == null || text.isBlank()) {
            if (fallback != null) return fallback;
            throw new InvalidInputException(field, "permission.required");
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "permission.unknown", text);
        }
    }
}
