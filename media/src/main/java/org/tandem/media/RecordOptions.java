package org.tandem.media;

import java.time.Duration;

/**
 * How a recording stops.
 *
 * @param maxLength  stop after this much audio (voicemail's maximum message length)
 * @param silence    stop after this much continuous silence once sound was heard; null: never
 * @param stopDigits DTMF digits that stop it (voicemail: "#"); empty: none. The digit is still reported
 *                   to {@link MediaEvents#dtmf}.
 */
public record RecordOptions(Duration maxLength, Duration silence, String stopDigits) {

    public RecordOptions {
        if (maxLength == null || maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        if (stopDigits == null) stopDigits = "";
    }

    /** Voicemail defaults: {@code #} stops, 5 s of silence stops. */
    public static RecordOptions voicemail(Duration maxLength) {
        return new RecordOptions(maxLength, Duration.ofSeconds(5), "#");
    }
}
