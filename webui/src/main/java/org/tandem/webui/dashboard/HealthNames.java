package org.tandem.webui.dashboard;

import java.util.Locale;
import java.util.Set;
import org.tandem.webui.i18n.UiTexts;

/**
 * What each health indicator watches, in the words the dashboard shows (issue 17, defect 11): the indicators are
 * Spring beans named {@code sipStack}, {@code cdrWriter}, ... (their names are the API's, in {@code /actuator/health});
 * an admin reads "SIP service" and "Call records", in the UI's language (issue 18: {@code dashboard.indicator.*}).
 */
final class HealthNames {

    private static final UiTexts TEXTS = new UiTexts();
    private static final Set<String> KNOWN = Set.of(
            "overall",
            "sipStack",
            "sipDispatch",
            "cdrWriter",
            "workers",
            "adminAccount",
            "db",
            "diskSpace",
            "mail",
            "ping",
            "ssl",
            "livenessState",
            "readinessState");

    private HealthNames() {}

    /** {@link #of(String, Locale)} in English. */
    static String of(String indicator) {
        return of(indicator, Locale.ENGLISH);
    }

    /** The indicator's name in words; one not known here has its camel case split into words ("fooBar" → "Foo bar"). */
    static String of(String indicator, Locale locale) {
        if (KNOWN.contains(indicator)) return TEXTS.getTranslation("dashboard.indicator." + indicator, locale);
        String words = indicator.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? indicator : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
