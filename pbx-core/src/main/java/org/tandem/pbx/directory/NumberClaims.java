package org.tandem.pbx.directory;

import java.util.Optional;
import org.tandem.pbx.validation.FieldError;

/**
 * Other features that own numbers in the same dial plan as extensions (ring groups, conference rooms...)
 * implement this, so that no number is given out twice.
 */
public interface NumberClaims {

    /**
     * What already uses {@code number} ({@code claim.*}, e.g. "ring group Sales" in the reader's language), or empty
     * when it is free.
     */
    Optional<FieldError> claimedBy(String number);
}
