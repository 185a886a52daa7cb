package org.tandem.pbx.directory;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Predicate;

/** Which extension comes next: after the highest numeric one, the first that nothing takes. */
final class NextExtension {

    static final String FIRST = "100";
    private static final int MAX_DIGITS = 12; // UserRules: 2 to 12 digits
    private static final int TRIES = 10_000;

    private NextExtension() {}

    /**
     * @param extensions the users' extensions (numeric ones count; a leading zero keeps its length: 0100 → 0101)
     * @param taken      true for a number already used (a user, another feature's number)
     * @return the suggestion, or null when none was found nearby (10 000 numbers all taken)
     */
    static String after(Collection<String> extensions, Predicate<String> taken) {
        // the highest by value; of equal values (10 and 010) the longer, whose length the next one keeps
        String highest = extensions.stream()
                .filter(e -> e.matches("\\d{2,12}"))
                .max(Comparator.comparing((String e) -> new BigInteger(e)).thenComparingInt(String::length))
                .orElse(null);
        String candidate = highest == null ? FIRST : increment(highest);
        for (int i = 0; i < TRIES && candidate != null; i++) {
            if (!taken.test(candidate)) return candidate;
            candidate = increment(candidate);
        }
        return null;
    }

    /** {@code n + 1}, as long as {@code n} at least (a leading zero kept), or null beyond 12 digits. */
    private static String increment(String n) {
        String next = new BigInteger(n).add(BigInteger.ONE).toString();
        while (next.length() < n.length()) next = "0" + next;
        return next.length() > MAX_DIGITS ? null : next;
    }
}
