package org.tandem.webui.bans;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.pbx.security.AccountLockout;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.AllowList;
import org.tandem.pbx.security.Ban;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * Addresses banned after repeated failed logins (SIP or web), with unban; the allow-list (ADMIN edits
 * it, in force at once); login names locked after failed passwords, with unlock; recent failed logins.
 */
@Route(value = "security", layout = MainLayout.class)
@PageName("Security")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class SecurityView extends VerticalLayout implements TranslatedTitle {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance\'s zone (issue 17)

    private final BanRegistry bans;
    private final AllowList allowList;
    private final AccountLockouts lockouts;
    private final boolean canChange;
    private final Grid<Ban> banGrid = new Grid<>(Ban.class, false);
    private final Grid<String> allowGrid = new Grid<>(String.class, false);
    private final Grid<AccountLockout> lockGrid = new Grid<>(AccountLockout.class, false);
    private final Grid<FailedLogins.FailedLogin> failures = new Grid<>(FailedLogins.FailedLogin.class, false);
    private final FailedLogins failedLogins;

    public SecurityView(
            BanRegistry bans,
            AllowList allowList,
            AccountLockouts lockouts,
            FailedLogins failedLogins,
            AuthenticationContext auth) {
        this.bans = bans;
        this.allowList = allowList;
        this.lockouts = lockouts;
        this.failedLogins = failedLogins;
        this.canChange = auth.hasRole(Roles.ADMIN);
        banGrid.setId("bans");
        banGrid.addColumn(Ban::address).setHeader(getTranslation("bans.address"));
        banGrid.addColumn(Ban::reason).setHeader(getTranslation("bans.why"));
        banGrid.addColumn(Ban::failures).setHeader(getTranslation("bans.failures"));
        banGrid.addColumn(b -> TIME.format(b.bannedAt())).setHeader(getTranslation("bans.banned-at"));
        banGrid.addColumn(b -> TIME.format(b.until())).setHeader(getTranslation("bans.until"));
        if (canChange) {
            banGrid.addComponentColumn(b -> small(getTranslation("bans.unban"), "unban-" + idPart(b.address()), () -> {
                bans.unban(b.address());
                Notification.show(getTranslation("bans.may-log-in-again", b.address()));
            }));
        }
        banGrid.setAllRowsVisible(true);

        add(
                new H2(getTranslation("page.security")),
                new H3(getTranslation("bans.banned-addresses")),
                banGrid,
                allowListSection(),
                lockoutSection(),
                new H3(getTranslation("bans.failed-logins")),
                failedLoginGrid());
        refresh();
    }

    /** An allow-list entry as {@link AllowList#add} takes it, by the name of its error. */
    private record AllowEntry(String entry) {}

    private VerticalLayout allowListSection() {
        allowGrid.setId("allow-list");
        allowGrid.addColumn(e -> e).setHeader(getTranslation("bans.never-banned"));
        if (canChange) {
            allowGrid.addComponentColumn(e -> small(
                    getTranslation("bans.remove"),
                    "allow-remove-" + idPart(e),
                    () -> Deletion.confirm(
                            getTranslation("bans.allow-entry-named", e), () -> allowList.remove(e), this::refresh)));
        }
        allowGrid.setAllRowsVisible(true);
        VerticalLayout section = new VerticalLayout(
                new H3(getTranslation("bans.allow-list")),
                new Paragraph(getTranslation("bans.allow-list.hint")),
                allowGrid);
        section.setPadding(false);
        if (canChange) {
            TextField entry = new TextField(getTranslation("bans.address-or-network"));
            entry.setId("allow-entry");
            entry.setPlaceholder("192.168.1.0/24");
            DraftForm<AllowEntry> form =
                    DraftForm.of(AllowEntry.class, "allow-form-error", null).bind("entry", entry);
            form.read(new AllowEntry(""));
            Button add = new Button(getTranslation("bans.add"), e -> {
                AtomicReference<String> added = new AtomicReference<>();
                if (!form.save(a -> added.set(allowList.add(a.entry())))) return;
                form.read(new AllowEntry(""));
                Notification.show(getTranslation("bans.never-banned.added", added.get()));
                refresh();
            });
            add.setId("allow-add");
            HorizontalLayout row = new HorizontalLayout(entry, add);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            section.add(row, form.errors().formError());
        }
        return section;
    }

    private VerticalLayout lockoutSection() {
        lockGrid.setId("lockouts");
        lockGrid.addColumn(AccountLockout::account).setHeader(getTranslation("bans.login-name"));
        lockGrid.addColumn(AccountLockout::failures).setHeader(getTranslation("bans.failed-passwords"));
        lockGrid.addColumn(AccountLockout::lastAddress).setHeader(getTranslation("bans.locked-from"));
        lockGrid.addColumn(l -> TIME.format(l.lockedAt())).setHeader(getTranslation("bans.locked-at"));
        lockGrid.addColumn(l -> TIME.format(l.until())).setHeader(getTranslation("bans.until"));
        if (canChange) {
            lockGrid.addComponentColumn(l ->
                    small(getTranslation("bans.unlock"), "unlock-" + idPart(l.account()), () -> {
                        lockouts.unlock(l.account());
                        Notification.show(getTranslation("bans.may-log-in-again", l.account()));
                    }));
        }
        lockGrid.setAllRowsVisible(true);
        VerticalLayout section = new VerticalLayout(
                new H3(getTranslation("bans.locked-logins")),
                new Paragraph(getTranslation("bans.locked-logins.hint")),
                lockGrid);
        section.setPadding(false);
        return section;
    }

    private Grid<FailedLogins.FailedLogin> failedLoginGrid() {
        failures.setId("failed-logins");
        failures.addColumn(f -> TIME.format(f.at())).setHeader(getTranslation("bans.when"));
        failures.addColumn(FailedLogins.FailedLogin::name).setHeader(getTranslation("bans.name-tried"));
        failures.addColumn(FailedLogins.FailedLogin::address).setHeader(getTranslation("bans.from"));
        failures.addColumn(this::note).setHeader(getTranslation("bans.note"));
        return failures;
    }

    /** "account locked" when the name was locked at the time, or the moment it was locked; else empty. */
    private String note(FailedLogins.FailedLogin f) {
        AccountLockout l = f.lockout();
        if (l != null) {
            return getTranslation(
                    "bans.note.locked", l.lastAddress(), String.valueOf(l.failures()), String.valueOf(l.until()));
        }
        return f.accountLocked() ? getTranslation("bans.note.account-locked") : "";
    }

    private Button small(String label, String id, Runnable action) {
        Button b = new Button(label, e -> {
            action.run();
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        b.setId(id);
        return b;
    }

    /** A stable element id from an address or a name typed by anyone: only [a-z0-9_-]. */
    static String idPart(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "_");
    }

    private void refresh() {
        banGrid.setItems(bans.current());
        allowGrid.setItems(allowList.entries());
        lockGrid.setItems(lockouts.current());
        failures.setItems(failedLogins.recent());
    }
}
