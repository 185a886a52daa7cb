package org.tandem.webui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.tandem.pbx.audit.AuditEntry;
import org.tandem.pbx.audit.AuditLog;
import org.tandem.webui.ApplianceTime;
import org.tandem.webui.DayPickers;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;

/** Who changed what, when (issue 17): newest first, filtered by who and by day (in the appliance's zone). */
@Route(value = "audit", layout = MainLayout.class)
@PageName("Audit log")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class AuditLogView extends VerticalLayout implements TranslatedTitle {

    static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss");
    static final int SHOWN = 500;

    private final AuditLog audit;
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final TextField who = new TextField(getTranslation("audit.who"));
    private final DatePicker from = new DatePicker(getTranslation("audit.from"));
    private final DatePicker to = new DatePicker(getTranslation("audit.to"));
    private final Paragraph problem = new Paragraph();
    private final Span count = new Span();

    public AuditLogView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        who.setId("audit-who");
        who.setClearButtonVisible(true);
        who.setPlaceholder("admin, token …, 201");
        // the browser locale's format and ISO, as the call records' filter (issue 17, defects 7 and 11)
        DayPickers.readLocaleAndIso(from);
        DayPickers.readLocaleAndIso(to);
        from.setId("audit-from");
        to.setId("audit-to");
        Button show = new Button(getTranslation("audit.show"), e -> show());
        show.setId("audit-apply");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(who, from, to, show);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        problem.setId("audit-problem");
        count.setId("audit-count");
        grid.setId("audit-log");
        grid.addColumn(e -> TIME.format(e.at()))
                .setHeader(getTranslation("audit.time", ZonedFormat.zoneLabel()))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditEntry::who).setHeader(getTranslation("audit.who")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("audit.channel." + e.channel().name().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("audit.channel"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditEntry::action)
                .setHeader(getTranslation("audit.what"))
                .setFlexGrow(1);
        grid.setSizeFull();
        add(
                new H2(getTranslation("audit.title")),
                new Paragraph(getTranslation("audit.intro", Integer.toString(SHOWN))),
                filters,
                problem,
                count,
                grid);
        show();
    }

    private void show() {
        if (from.isInvalid() || to.isInvalid()) {
            // a day the picker could not read: its "Not a date" stays at the field, and no filter runs without it
            problem.setText("");
            return;
        }
        LocalDate f = from.getValue();
        LocalDate t = to.getValue();
        if (f != null && t != null && t.isBefore(f)) {
            problem.setText(getTranslation("audit.reversed", f.toString()));
            return;
        }
        problem.setText("");
        // days are the appliance's days, as the times in the grid (ApplianceTime, issue 17)
        Instant start = f == null ? null : f.atStartOfDay(ApplianceTime.zone()).toInstant();
        Instant end = t == null
                ? null
                : t.plusDays(1).atStartOfDay(ApplianceTime.zone()).toInstant();
        var entries = audit.find(start, end, who.getValue(), SHOWN);
        grid.setItems(entries);
        int n = entries.size();
        count.setText(
                n == 0
                        ? getTranslation("audit.count.none")
                        : n == 1
                                ? getTranslation("audit.count.one")
                                : n == SHOWN
                                        ? getTranslation(
                                                "audit.count.capped", Integer.toString(n), Integer.toString(SHOWN))
                                        : getTranslation("audit.count.many", Integer.toString(n)));
    }
}
