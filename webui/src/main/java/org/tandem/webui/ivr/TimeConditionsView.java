package org.tandem.webui.ivr;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/** Time conditions (business hours, holidays): the list with whether each is open now, and an editor. */
@Route(value = "time-conditions", layout = MainLayout.class)
@PageName("Time conditions")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class TimeConditionsView extends VerticalLayout implements TranslatedTitle {

    private final TimeConditions conditions;
    private final Grid<TimeCondition> grid = new Grid<>(TimeCondition.class, false);
    private final EmptyHint hint = new EmptyHint("time-conditions-hint", getTranslation("ivr.tc.hint"));

    public TimeConditionsView(TimeConditions conditions, DestinationChoices choices, AuthenticationContext auth) {
        this.conditions = conditions;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("ivr.tc.add"),
                VaadinIcon.PLUS.create(),
                e -> new TimeConditionEditor(conditions, choices, null, true, this::refresh).open());
        add.setId("add-time-condition");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("time-conditions");
        grid.addColumn(TimeCondition::name)
                .setHeader(getTranslation("ivr.tc.column.name"))
                .setAutoWidth(true);
        grid.addColumn(c -> c.zone().getId()).setHeader(getTranslation("ivr.time-zone"));
        grid.addColumn(c -> choices.label(c.open())).setHeader(getTranslation("ivr.tc.column.open"));
        grid.addColumn(c -> choices.label(c.closed())).setHeader(getTranslation("ivr.tc.column.closed"));
        grid.addColumn(c -> getTranslation(
                        (conditions.openNow(c.name()).orElse(false) ? "ivr.tc.now.open" : "ivr.tc.now.closed")
                                + (conditions.override(c.name()).isPresent() ? "-switched" : "")))
                .setHeader(getTranslation("ivr.tc.column.now"))
                .setAutoWidth(true);
        grid.addItemClickListener(
                e -> new TimeConditionEditor(conditions, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.time-conditions")),
                new Paragraph(getTranslation("ivr.tc.intro")),
                add,
                hint,
                grid);
        refresh();
    }

    private void refresh() {
        var all = conditions.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
