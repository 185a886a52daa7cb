package org.tandem.pbx.directory;

import java.util.Optional;

/**
 * Other features that own numbers in the same dial plan as extensions (ring groups, conference rooms...)
 * implement this, so that no number is given out twice.
 */
public interface NumberClaims {

    /** What already uses {@code number} (e.g. "ring group Sales"), or empty when it is free. */
    Optional<String> claimedBy(String number);
}
