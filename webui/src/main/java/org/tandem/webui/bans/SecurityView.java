package org.tandem.webui.bans;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.tandem.pbx.security.Ban;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/** Addresses banned after repeated failed logins (SIP or web), with unban; the allow-list; failed logins. */
@Route(value = "security", layout = MainLayout.class)
@PageTitle("Security · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class SecurityView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final BanRegistry bans;
    private final Grid<Ban> banGrid = new Grid<>(Ban.class, false);

    public SecurityView(BanRegistry bans, FailedLogins failedLogins, AuthenticationContext auth) {
        this.bans = bans;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        banGrid.setId("bans");
        banGrid.addColumn(Ban::address).setHeader("Address");
        banGrid.addColumn(Ban::reason).setHeader("Why");
        banGrid.addColumn(Ban::failures).setHeader("Failures");
        banGrid.addColumn(b -> TIME.format(b.bannedAt())).setHeader("Banned at");
        banGrid.addColumn(b -> TIME.format(b.until())).setHeader("Until");
        if (canChange) {
            banGrid.addComponentColumn(b -> {
                Button unban = new Button("Unban", e -> {
                    bans.unban(b.address());
                    Notification.show(b.address() + " may log in again");
                    refresh();
                });
                unban.addThemeVariants(ButtonVariant.LUMO_SMALL);
                unban.setId("unban-" + b.address().replace(':', '_').replace('.', '_'));
                return unban;
            });
        }
        banGrid.setAllRowsVisible(true);
        String allowed = bans.allowList().isEmpty() ? "none (set tandem.security.allow-list to never ban some "
                + "addresses or networks, e.g. the office LAN)" : String.join(", ", bans.allowList());
        Paragraph allowList = new Paragraph("Never banned: " + allowed);
        allowList.setId("allow-list");
        Grid<FailedLogins.FailedLogin> failures = new Grid<>(FailedLogins.FailedLogin.class, false);
        failures.setId("failed-logins");
        failures.addColumn(f -> TIME.format(f.at())).setHeader("When");
        failures.addColumn(FailedLogins.FailedLogin::name).setHeader("Name tried");
        failures.addColumn(FailedLogins.FailedLogin::address).setHeader("From");
        failures.setItems(failedLogins.recent());
        add(new H2("Security"), new H3("Banned addresses"), banGrid, allowList,
                new H3("Failed logins (web and API, newest first)"), failures);
        refresh();
    }

    private void refresh() {
        banGrid.setItems(bans.current());
    }
}
