package org.tandem.webui.ivr;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/** Time conditions (business hours, holidays): the list with whether each is open now, and an editor. */
@Route(value = "time-conditions", layout = MainLayout.class)
@PageTitle("Time conditions · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class TimeConditionsView extends VerticalLayout {

    private final TimeConditions conditions;
    private final Grid<TimeCondition> grid = new Grid<>(TimeCondition.class, false);
    private final EmptyHint hint = new EmptyHint("time-conditions-hint",
            "No time conditions yet. A time condition sends calls one way during opening hours and "
            + "another way when you are closed (evenings, weekends, holidays). First step: \"Add time "
            + "condition\" with your opening hours and both destinations; then point your inbound route at "
            + "it.");

    public TimeConditionsView(TimeConditions conditions, DestinationChoices choices, AuthenticationContext auth) {
        this.conditions = conditions;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button("Add time condition", VaadinIcon.PLUS.create(),
                e -> new TimeConditionEditor(conditions, choices, null, true, this::refresh).open());
        add.setId("add-time-condition");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("time-conditions");
        grid.addColumn(TimeCondition::name).setHeader("Name (time:…)").setAutoWidth(true);
        grid.addColumn(c -> c.zone().getId()).setHeader("Time zone");
        grid.addColumn(c -> choices.label(c.open())).setHeader("When open");
        grid.addColumn(c -> choices.label(c.closed())).setHeader("When closed");
        grid.addColumn(c -> (conditions.openNow(c.name()).orElse(false) ? "open" : "closed")
                + (conditions.override(c.name()).isPresent() ? " (switched on the dashboard)" : "")).setHeader("Now")
                .setAutoWidth(true);
        grid.addItemClickListener(e -> new TimeConditionEditor(conditions, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(new H2("Time conditions"), new Paragraph("Opening hours per weekday and holidays, in the condition's time "
                + "zone (daylight saving time included). Calls to time:<name> go to one destination while open and to "
                + "the other while closed."),
                add, hint, grid);
        refresh();
    }

    private void refresh() {
        var all = conditions.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
