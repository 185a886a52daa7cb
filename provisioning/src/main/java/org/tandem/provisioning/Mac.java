package org.tandem.provisioning;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A phone's Ethernet MAC address, held as 12 lower-case hex digits (the form most vendors use in file names). */
public final class Mac {

    private static final Pattern SEPARATED = Pattern.compile("[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}");

    private Mac() {}

    /** {@code 00:15:65:AA:BB:CC}, {@code 00-15-65-aa-bb-cc} or {@code 001565aabbcc} → {@code 001565aabbcc}. */
    public static Optional<String> normalize(String text) {
        if (text == null) return Optional.empty();
        String s = text.strip();
        if (!SEPARATED.matcher(s).matches()) return Optional.empty();
        String hex = s.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        // all zeros is the "any phone" name of several vendors' common files, never a device
        if (hex.equals("000000000000") || hex.length() != 12) return Optional.empty();
        return Optional.of(hex);
    }

    /** {@code 001565aabbcc} → {@code 00:15:65:aa:bb:cc}. */
    public static String colons(String mac) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) b.append(':');
            b.append(mac, i, i + 2);
        }
        return b.toString();
    }
}
