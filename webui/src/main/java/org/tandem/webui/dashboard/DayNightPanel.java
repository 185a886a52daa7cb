package org.tandem.webui.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.concurrent.CompletionException;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditionOverride;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.webui.ZonedFormat;

/**
 * The dashboard's day/night switch (issue 17): each time condition with where its calls go now and why (the opening
 * hours, or an override: by whom, until when), and for an admin the office-wide switch (the same as the feature code
 * {@code *28}) and per condition "open now", "closed now" and "back to the opening hours".
 */
final class DayNightPanel extends VerticalLayout {

    private static final ZonedFormat UNTIL = ZonedFormat.of("EEE d MMM HH:mm");

    private final TimeConditions conditions;
    private final String who;
    private final boolean canChange;
    private final Div rows = new Div();
    private final Checkbox untilSwitchedBack = new Checkbox(getTranslation("dashboard.day-night.until-switched-back"));
    private final Button toggle = new Button();

    DayNightPanel(TimeConditions conditions, String who, boolean canChange) {
        this.conditions = conditions;
        this.who = who;
        this.canChange = canChange;
        setId("day-night");
        setPadding(false);
        setSpacing(false);
        rows.setId("day-night-conditions");
        toggle.setId("day-night-toggle");
        toggle.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        toggle.addClickListener(e -> flipOffice());
        untilSwitchedBack.setId("day-night-until-switched-back");
        if (canChange) add(new HorizontalLayout(toggle, untilSwitchedBack));
        add(rows);
        refresh();
    }

    /** Redraws from the service (the override may have ended by itself, or been set by the feature code). */
    void refresh() {
        rows.removeAll();
        var all = conditions.list();
        toggle.setVisible(!all.isEmpty());
        untilSwitchedBack.setVisible(!all.isEmpty());
        if (all.isEmpty()) {
            rows.add(new Span(getTranslation("dashboard.day-night.none")));
            return;
        }
        boolean anyOpen =
                all.stream().anyMatch(c -> conditions.openNow(c.name()).orElse(false));
        toggle.setText(getTranslation(anyOpen ? "dashboard.day-night.to-night" : "dashboard.day-night.to-day"));
        for (TimeCondition c : all) rows.add(row(c));
    }

    private HorizontalLayout row(TimeCondition c) {
        boolean open = conditions.openNow(c.name()).orElse(false);
        Span state = new Span(getTranslation(
                "dashboard.day-night.state",
                c.name(),
                getTranslation(open ? "dashboard.day-night.open" : "dashboard.day-night.closed"),
                why(c)));
        state.setId("day-night-state-" + c.name());
        state.getElement().getThemeList().add(open ? "badge success" : "badge contrast");
        HorizontalLayout row = new HorizontalLayout(state);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (canChange) {
            row.add(
                    button(
                            getTranslation("dashboard.day-night.open-now"),
                            "open-" + c.name(),
                            () -> set(c, Boolean.TRUE)),
                    button(
                            getTranslation("dashboard.day-night.closed-now"),
                            "closed-" + c.name(),
                            () -> set(c, Boolean.FALSE)));
            if (conditions.override(c.name()).isPresent()) {
                row.add(button(getTranslation("dashboard.day-night.back"), "schedule-" + c.name(), () -> set(c, null)));
            }
        }
        return row;
    }

    private String why(TimeCondition c) {
        var o = conditions.override(c.name());
        if (o.isEmpty()) return getTranslation("dashboard.day-night.by-hours");
        TimeConditionOverride override = o.get();
        return override.until() == null
                ? getTranslation("dashboard.day-night.switched-back", override.setBy())
                : getTranslation(
                        "dashboard.day-night.switched-until", override.setBy(), UNTIL.format(override.until()));
    }

    private Button button(String text, String id, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.setId("day-night-" + id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private void set(TimeCondition c, Boolean open) {
        conditions.setOverride(c.name(), open, !untilSwitchedBack.getValue(), "admin " + who);
        refresh();
    }

    private void flipOffice() {
        try {
            String result = conditions.toggle("admin " + who).join();
            Notification.show(result).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (CompletionException e) {
            Notification.show(getTranslation(
                            "dashboard.day-night.switch-failed",
                            String.valueOf(e.getCause().getMessage())))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }
}
