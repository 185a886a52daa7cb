package org.tandem.webui.dashboard;

import java.util.Locale;
import java.util.Map;

/**
 * What each health indicator watches, in the words the dashboard shows (issue 17, defect 11): the indicators are
 * Spring beans named {@code sipStack}, {@code cdrWriter}, ... (their names are the API's, in {@code /actuator/health});
 * an admin reads "SIP service" and "Call records".
 */
final class HealthNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("overall", "Tandem overall"),
            Map.entry("sipStack", "SIP service"),
            Map.entry("sipDispatch", "Call handling"),
            Map.entry("cdrWriter", "Call records"),
            Map.entry("workers", "Background work"),
            Map.entry("adminAccount", "Admin account"),
            Map.entry("db", "Database"),
            Map.entry("diskSpace", "Disk space"),
            Map.entry("mail", "Mail server"),
            Map.entry("ping", "Web server"),
            Map.entry("ssl", "Certificates"),
            Map.entry("livenessState", "Running"),
            Map.entry("readinessState", "Ready for calls"));

    private HealthNames() {
    }

    /** The indicator's name in words; one not known here has its camel case split into words ("fooBar" → "Foo bar"). */
    static String of(String indicator) {
        String known = NAMES.get(indicator);
        if (known != null) return known;
        String words = indicator.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? indicator : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
