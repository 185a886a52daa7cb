package org.tandem.pbx.audit;

import java.util.regex.Pattern;

/**
 * Takes secrets out of a text before it goes into the audit log. The capture never passes request bodies or
 * secret arguments on, so this is the second line: an API token ({@code tdm_…}), a bcrypt hash, or the value after
 * a word like password, PIN, secret, token or passphrase ({@code pin=1234}, {@code password: x}) becomes
 * {@code ***}. Words alone stay ("changed web password of user 201" says what happened, not the password).
 */
public final class SecretMask {

    public static final String MASK = "***";

    private static final Pattern TOKEN = Pattern.compile("tdm_[A-Za-z0-9_\\-]+");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{20,}");
    private static final Pattern NAMED = Pattern.compile(
            "(?i)((?:password|passwd|passphrase|pin|secret|token)\\w*\"?\\s*[=:]\\s*)(\"[^\"]*\"|\\S+)");

    private SecretMask() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = TOKEN.matcher(text).replaceAll(MASK);
        out = BCRYPT.matcher(out).replaceAll(MASK);
        return NAMED.matcher(out).replaceAll("$1" + MASK);
    }
}
