package org.tandem.pbx.park;

/**
 * Call park: a call transferred to the park {@code featureCode} waits (on music on hold) in the next free
 * orbit {@code firstOrbit}…{@code lastOrbit}; anyone dials the orbit to retrieve it; after
 * {@code timeoutSeconds} unretrieved it rings the parker again ({@code returnToParker}) or is hung up.
 * Orbits are numbers of the dial plan. No orbits (both null) = park off.
 */
public record ParkSettings(
        String firstOrbit, String lastOrbit, int timeoutSeconds, boolean returnToParker, String featureCode) {

    public static final int DEFAULT_TIMEOUT = 120;

    public boolean enabled() {
        return firstOrbit != null;
    }

    /** Whether {@code number} is one of the orbits. */
    public boolean isOrbit(String number) {
        if (!enabled()
                || number == null
                || number.length() != firstOrbit.length()
                || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long n = Long.parseLong(number);
        return n >= Long.parseLong(firstOrbit) && n <= Long.parseLong(lastOrbit);
    }
}
