package org.tandem.webui.ivr;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.TextField;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditionDraft;
import org.tandem.pbx.timecondition.TimeConditionDraft.HolidayDraft;
import org.tandem.pbx.timecondition.TimeConditionDraft.RangeDraft;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.i18n.UiTexts;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;

/**
 * Create or edit one time condition: one field per weekday with its opening hours ({@code 08:00-12:00, 13:00-17:00}),
 * holidays as {@code 2026-12-24..2026-12-26 Christmas; 2027-01-01 New Year}. The rules are {@link TimeConditions}';
 * an error of a range or holiday is shown under the day's or the holidays' field.
 */
final class TimeConditionEditor extends EditorDialog<TimeConditionDraft> {

    private final TextField name = new TextField(getTranslation("ivr.name"));
    private final TextField zone = new TextField(getTranslation("ivr.time-zone"));
    // the one destination picker (issue 17, defect 2); a condition may lead to another (time:weekend)
    private final DestinationField open =
            new DestinationField(getTranslation("ivr.tc.open"), "tc-open", DestinationField.Kind.all());
    private final DestinationField closed =
            new DestinationField(getTranslation("ivr.tc.closed"), "tc-closed", DestinationField.Kind.all());
    private final Map<DayOfWeek, TextField> days = new EnumMap<>(DayOfWeek.class);
    private final TextField holidays = new TextField(getTranslation("ivr.tc.holidays"));
    /** weekly[i] of the last draft came from this day (errors are shown there). */
    private final List<DayOfWeek> rangeDays = new ArrayList<>();

    TimeConditionEditor(
            TimeConditions conditions,
            DestinationChoices choices,
            TimeCondition existing,
            boolean canChange,
            Runnable changed) {
        super(TimeConditionDraft.class, "tc-form-error", "name");
        boolean creating = existing == null;
        open.offer(choices);
        closed.offer(choices);
        setHeaderTitle(creating ? getTranslation("ivr.tc.new") : getTranslation("ivr.tc.condition", existing.name()));
        name.setId("tc-name");
        name.setHelperText(getTranslation("ivr.tc.name.help"));
        name.setReadOnly(!creating);
        zone.setId("tc-zone");
        zone.setHelperText(getTranslation("ivr.tc.zone.help"));
        holidays.setId("tc-holidays");
        holidays.setHelperText(getTranslation("ivr.tc.holidays.help"));
        holidays.setWidthFull();
        bind("name", name, stripped());
        bind("timeZone", zone);
        bind("open", open);
        bind("closed", closed);
        bind("holidays", holidays, converter(TimeConditionEditor::holidays, TimeConditionEditor::holidaysText));
        FormLayout week = new FormLayout();
        week.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        for (DayOfWeek d : DayOfWeek.values()) {
            TextField f = new TextField(dayName(d));
            f.setId("tc-" + d.name().toLowerCase(Locale.ROOT));
            f.setPlaceholder(getTranslation("ivr.tc.closed-placeholder"));
            days.put(d, f);
            week.add(f);
            errors.bind(d.name(), f);
        }
        errors.mapping(this::fieldOf);
        bindComposed(
                "weekly",
                this::weekly,
                ranges -> days.forEach((d, f) -> f.setValue(ranges.stream()
                        .filter(r -> r.day().equals(d.name()))
                        .map(r -> r.opens() + "-" + r.closes())
                        .collect(Collectors.joining(", ")))));
        read(
                creating
                        ? new TimeConditionDraft("", "", List.of(), List.of(), null, null)
                        : new TimeConditionDraft(
                                existing.name(),
                                existing.zone().getId(),
                                existing.weekly().stream()
                                        .map(r -> new RangeDraft(
                                                r.day().name(),
                                                TimeCondition.WeeklyRange.text(r.opens()),
                                                TimeCondition.WeeklyRange.text(r.closes())))
                                        .toList(),
                                existing.holidays().stream()
                                        .map(h -> new HolidayDraft(
                                                h.first().toString(), h.last().toString(), h.name()))
                                        .toList(),
                                existing.open().toString(),
                                existing.closed().toString()));
        FormLayout form = new FormLayout(name, zone, open, closed);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("48em");
        add(form, new H4(getTranslation("ivr.tc.opening-hours")), week, holidays, errors.formError());
        readOnlyUnless(canChange);
        days.values().forEach(f -> f.setReadOnly(!canChange));
        Button close = new Button(getTranslation("ivr.close"), e -> close());
        close.setId("close-time-condition");
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("ivr.delete"),
                                "delete-time-condition",
                                getTranslation("ivr.tc.condition", existing.name()),
                                () -> conditions.usesOfCondition(existing.name()),
                                () -> conditions.delete(existing.name()),
                                changed));
            }
            addSaveButton(
                    getTranslation("ivr.save"),
                    "save-time-condition",
                    () -> save(
                            draft -> {
                                if (creating) conditions.create(draft);
                                else conditions.update(draft.name(), draft);
                            },
                            draft -> getTranslation("ivr.tc.saved", draft.name()),
                            changed));
        }
    }

    /** The weekday's name in the page's language ("Monday", "Montag", "Lundi"); English for any other. */
    private String dayName(DayOfWeek d) {
        Locale shown = getLocale();
        Locale language = shown != null
                        && UiTexts.LOCALES.stream()
                                .anyMatch(l -> l.getLanguage().equals(shown.getLanguage()))
                ? Locale.forLanguageTag(shown.getLanguage())
                : Locale.ENGLISH;
        String name = d.getDisplayName(TextStyle.FULL, language);
        return name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }

    /** {@code weekly[3].opens} → the day field it came from; {@code holidays[1].to} → the holidays field. */
    private String fieldOf(String serviceField) {
        if (serviceField.startsWith("weekly[")) {
            int i = Integer.parseInt(serviceField.substring(7, serviceField.indexOf(']')));
            return i < rangeDays.size() ? rangeDays.get(i).name() : "weekly";
        }
        if (serviceField.startsWith("holidays[")) return "holidays";
        return serviceField;
    }

    /** The week's ranges, day by day ({@code 08:00-12:00, 13:00-17:00}); notes which day each came from. */
    private List<RangeDraft> weekly() {
        rangeDays.clear();
        List<RangeDraft> weekly = new ArrayList<>();
        days.forEach((d, f) -> {
            for (String range : f.getValue().split(",")) {
                if (range.isBlank()) continue;
                String[] ends = range.split("-", 2);
                weekly.add(new RangeDraft(d.name(), ends[0].strip(), ends.length > 1 ? ends[1].strip() : null));
                rangeDays.add(d);
            }
        });
        return weekly;
    }

    /** {@code 2026-12-24..2026-12-26 Christmas; 2027-01-01 New Year} as holidays. */
    private static List<HolidayDraft> holidays(String text) {
        List<HolidayDraft> off = new ArrayList<>();
        for (String h : text.split(";")) {
            if (h.isBlank()) continue;
            String[] parts = h.strip().split("\\s+", 2);
            String[] dates = parts[0].split("\\.\\.", 2);
            off.add(new HolidayDraft(dates[0], dates.length > 1 ? dates[1] : null, parts.length > 1 ? parts[1] : null));
        }
        return off;
    }

    private static String holidaysText(List<HolidayDraft> off) {
        return off.stream()
                .map(h -> (h.to() == null || h.from().equals(h.to()) ? h.from() : h.from() + ".." + h.to())
                        + (h.name() == null || h.name().isEmpty() ? "" : " " + h.name()))
                .collect(Collectors.joining("; "));
    }

    /** A holiday's error says which holiday of the list it is ("holiday 2: ..."). */
    @Override
    protected Map<String, String> worded(Map<String, String> fieldErrors) {
        Map<String, String> shown = new LinkedHashMap<>();
        fieldErrors.forEach((field, message) -> shown.put(
                field,
                field.startsWith("holidays[")
                        ? getTranslation(
                                "ivr.tc.holiday-error",
                                Integer.parseInt(field.substring(9, field.indexOf(']'))) + 1,
                                message)
                        : message));
        return shown;
    }
}
