package org.tandem.pbx.security;

import java.security.SecureRandom;

/**
 * The passwords Tandem makes up itself (SIP secrets of new or imported users, the first admin's one-time
 * password): 20 characters from an alphabet without look-alikes ({@code l}, {@code 1}, {@code I}, {@code O},
 * {@code 0}), about 116 bits, so that they can be read off a screen and typed on a phone's keypad.
 */
public final class GeneratedPasswords {

    /** 57 characters: a–z without l, A–Z without I and O, 2–9. */
    public static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPasswords() {}

    /** 20 characters in one piece, e.g. a SIP secret. */
    public static String strong() {
        return strong(RANDOM);
    }

    static String strong(SecureRandom random) {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    /** The same 20 characters in four groups of five ({@code abcde-fghij-...}), easy to read off a console. */
    public static String grouped(SecureRandom random) {
        String p = strong(random);
        return p.substring(0, 5) + '-' + p.substring(5, 10) + '-' + p.substring(10, 15) + '-' + p.substring(15);
    }
}
