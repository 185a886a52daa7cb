package org.tandem.webui.calls;

import java.util.Locale;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.webui.i18n.UiTexts;

/**
 * How a call ended and which way it went, in the words the call records and the portal show (not ANSWERED, INBOUND):
 * in the language of the page that asks (texts {@code outcome.*} of the UI's i18n, {@code calls.direction.*} of the
 * call records' bundle); the one-argument forms are English.
 */
public final class Outcomes {

    private static final String BLOCKLIST = "blocklist:";
    /** The texts ({@code i18n/ui*.properties}, keys {@code outcome.*}); without state, so one for all. */
    private static final UiTexts TEXTS = new UiTexts();

    private Outcomes() {}

    /** Which way a call went, in words (not INBOUND), in English. */
    public static String of(CallDirection d) {
        return of(d, Locale.ENGLISH);
    }

    /** Which way a call went in {@code language} (issue 17: as the outcome, not English alone). */
    public static String of(CallDirection d, Locale language) {
        if (d == null) return "";
        return text(
                language,
                switch (d) {
                    case INTERNAL -> "calls.direction.internal";
                    case INBOUND -> "calls.direction.incoming";
                    case OUTBOUND -> "calls.direction.outgoing";
                });
    }

    /** @param d null while the call is still going on */
    public static String of(Disposition d) {
        return of(d, Locale.ENGLISH);
    }

    /** The short outcome in {@code language} (the portal's), English when the UI has no texts in it. */
    public static String of(Disposition d, Locale language) {
        if (d == null) return text(language, "outcome.in-progress");
        return text(
                language,
                switch (d) {
                    case ANSWERED -> "outcome.answered";
                    case NO_ANSWER -> "outcome.no-answer";
                    case BUSY -> "outcome.busy";
                    case FAILED -> "outcome.failed";
                    case CANCELLED -> "outcome.cancelled-before-answer";
                    case BLOCKED -> "outcome.blocked";
                });
    }

    /**
     * How the recorded call ended, with the reason in words where the record knows it (issue 17, defect 11): its
     * final SIP status (RFC 3261 §21), why Tandem hung up, which blocklist refused the caller — not "Failed" or
     * "480" alone. In English.
     */
    public static String of(CallRecord r) {
        return of(r, Locale.ENGLISH);
    }

    /** {@link #of(CallRecord)} in {@code language}: the call records and the portal's call log in the reader's words. */
    public static String of(CallRecord r, Locale language) {
        Disposition d = r.disposition();
        if (d == null) return of((Disposition) null, language);
        String cause = r.hangupCause();
        return switch (d) {
            case ANSWERED ->
                r.closedAtRestart()
                        ? text(language, "outcome.answered.restart")
                        : cause == null
                                ? of(d, language)
                                : text(language, "outcome.answered.ended", endedBy(cause, language));
            case CANCELLED -> text(language, "outcome.cancelled");
            case BLOCKED -> text(language, "outcome.blocked.by", blocklist(cause, language));
            case BUSY, NO_ANSWER, FAILED -> {
                if (r.closedAtRestart()) yield text(language, "outcome.failed.restart");
                String key = r.sipStatus() == null ? null : status(r.sipStatus());
                yield key != null ? text(language, key) : of(d, language);
            }
        };
    }

    /**
     * The text key of a final failure status in words (what a person would say happened), or null for one without its
     * own words.
     */
    static String status(int status) {
        String words = switch (status) {
            case 486, 600, 603, 480, 404, 410, 484, 403, 402, 500, 502, 503, 504 -> Integer.toString(status);
            case 408, 487 -> "no-answer-in-time"; // 487: Tandem stopped the ringing (CANCEL) when the time was up
            case 401, 407 -> "login";
            case 488, 606 -> "codec";
            case 482, 483 -> "loop";
            default ->
                status >= 400 && status < 500
                        ? "4xx"
                        : status >= 500 && status < 600 ? "5xx" : status >= 600 ? "6xx" : null;
        };
        return words == null ? null : "outcome.status." + words;
    }

    /** Why Tandem ended an answered call ({@code CallEnded#cause}). */
    private static String endedBy(String cause, Locale language) {
        return switch (cause) {
            case "rtp-timeout", "dtls-failed", "operator", "transferred" -> text(language, "outcome.ended." + cause);
            default -> text(language, "outcome.ended.other", cause);
        };
    }

    /** Which list refused the caller: {@code blocklist:global}, {@code blocklist:anonymous}, {@code blocklist:201}. */
    private static String blocklist(String cause, Locale language) {
        if (cause == null || !cause.startsWith(BLOCKLIST)) return text(language, "outcome.blocklist.any");
        String list = cause.substring(BLOCKLIST.length());
        return switch (list) {
            case "global", "anonymous" -> text(language, "outcome.blocklist." + list);
            default -> text(language, "outcome.blocklist.own", list);
        };
    }

    private static String text(Locale language, String key, Object... params) {
        return TEXTS.getTranslation(key, language, params);
    }
}
