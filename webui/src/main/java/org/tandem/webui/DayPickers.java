package org.tandem.webui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.server.VaadinSession;
import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Date fields that understand what people type (issue 17, defect 7): the browser's own short date format (11/24/2026
 * in en-US, 24.11.2026 in de) and ISO 8601 (2026-11-24). Vaadin's picker parses only its locale's format by default
 * and took an ISO date as no date at all, so the filter silently showed every call; anything else it cannot read is
 * now an error at the field. Every day field uses it: the call records' and the audit log's filters.
 */
public final class DayPickers {

    private DayPickers() {}

    /** Sets {@code picker} to show the browser locale's format and to read that and ISO 8601. */
    public static void readLocaleAndIso(DatePicker picker) {
        Locale locale = browserLocale();
        picker.setLocale(locale);
        String local = vaadinPattern(locale);
        String example =
                LocalDate.of(2026, 11, 24).format(DateTimeFormatter.ofPattern(local.replace("yyyy", "uuuu"), locale));
        picker.setI18n(new DatePicker.DatePickerI18n()
                .setDateFormats(local, "yyyy-MM-dd")
                .setBadInputErrorMessage("Not a date: type it as " + example + " or 2026-11-24"));
        picker.setPlaceholder(local.equals("yyyy-MM-dd") ? "yyyy-mm-dd" : example + " or 2026-11-24");
    }

    /** The locale the browser sent (Accept-Language at the session's start), else the JVM's. */
    private static Locale browserLocale() {
        VaadinSession session = VaadinSession.getCurrent();
        Locale l = session == null || session.getBrowser() == null
                ? null
                : session.getBrowser().getLocale();
        return l == null ? Locale.getDefault() : l;
    }

    /**
     * The locale's short date pattern with a four-digit year, in the tokens Vaadin's picker reads (d, dd, M, MM,
     * yy, yyyy and literal separators). A pattern that has anything else (a month name, an era) falls back to ISO.
     */
    static String vaadinPattern(Locale locale) {
        String java = DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                FormatStyle.SHORT, null, IsoChronology.INSTANCE, locale);
        String p = java.replaceAll("y+", "yyyy").replace("'", "");
        if (!p.matches("[dMy./\\- ]+") || !p.contains("d") || !p.contains("M") || !p.contains("yyyy")) {
            return "yyyy-MM-dd";
        }
        return p.strip();
    }
}
