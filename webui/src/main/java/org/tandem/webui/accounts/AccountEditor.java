package org.tandem.webui.accounts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.security.GeneratedPasswords;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.AdminCredentials.Account;
import org.tandem.webui.form.DraftForm;

/**
 * One account's role and password (issue 17), in a dialog (id {@code account-dialog}): its role changes
 * ({@code edit-role}, {@code edit-role-save}), and another account gets a one-time password — typed twice
 * ({@code reset-password}, {@code reset-repeat}) or generated ({@code reset-generate}) — that it must change at its
 * next login ({@code reset-save}). What the accounts service refuses (one's own role, the last admin's, a short
 * password) is shown at the field.
 */
final class AccountEditor extends Dialog {

    private final AdminCredentials accounts;
    private final Account account;
    private final String me;
    private final Runnable changed;
    private final Select<String> role = new Select<>();
    private final PasswordField password = new PasswordField(getTranslation("accounts.editor.new-password"));
    private final PasswordField repeat = new PasswordField(getTranslation("accounts.editor.repeat"));
    private final Paragraph generated = new Paragraph();
    /** What the service refuses about the role ("role"; "username": the account) shows at the role. */
    private final DraftForm<RoleChange> roleForm =
            DraftForm.of(RoleChange.class, "edit-role-error", null).bind("role", role);
    /** What it refuses about the password ("username": one's own account; "password": the rules) at the password. */
    private final DraftForm<PasswordReset> resetForm = DraftForm.of(PasswordReset.class, "reset-error", null)
            .bind("password", password)
            .bind("repeat", repeat, r -> r.equals(password.getValue()), getTranslation("accounts.editor.mismatch"));

    /** A new role for the account, by the name the service gives its error. */
    private record RoleChange(String role) {}

    /** A one-time password for the account, typed twice. */
    private record PasswordReset(String password, String repeat) {}

    AccountEditor(AdminCredentials accounts, Account account, String me, Runnable changed) {
        this.accounts = accounts;
        this.account = account;
        this.me = me;
        this.changed = changed;
        setId("account-dialog");
        setHeaderTitle(getTranslation("accounts.editor.title", account.username()));
        setWidth("min(40em, 95vw)");
        role.setId("edit-role");
        role.setLabel(getTranslation("accounts.role"));
        role.setItems("RECEPTIONIST", "OPERATOR", "ADMIN");
        role.setItemLabelGenerator(AdminAccountsView::roleLabel);
        roleForm.errors().bind("username", role);
        roleForm.read(new RoleChange(account.role()));
        role.setWidth("22em"); // the whole "Operator: reads everything, changes nothing"
        role.setHelperText(getTranslation("accounts.editor.role.help"));
        Button saveRole = new Button(getTranslation("accounts.editor.save-role"), e -> saveRole());
        saveRole.setId("edit-role-save");
        HorizontalLayout roleRow = new HorizontalLayout(role, saveRole);
        roleRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        roleRow.setWrap(true);
        add(new H3(getTranslation("accounts.role")), roleRow, roleForm.errors().formError());

        password.setId("reset-password");
        password.setHelperText(getTranslation("accounts.editor.password.help"));
        repeat.setId("reset-repeat");
        resetForm.errors().bind("username", password);
        generated.setId("reset-generated");
        generated.setVisible(false);
        Button generate = new Button(getTranslation("accounts.editor.generate"), e -> generate());
        generate.setId("reset-generate");
        generate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button reset = new Button(getTranslation("accounts.editor.reset"), e -> resetPassword());
        reset.setId("reset-save");
        reset.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout passwordRow = new HorizontalLayout(password, repeat, generate);
        passwordRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        passwordRow.setWrap(true);
        add(
                new H3(getTranslation("accounts.editor.reset")),
                new Paragraph(getTranslation("accounts.editor.reset.intro")),
                passwordRow,
                generated,
                resetForm.errors().formError(),
                reset);

        Button close = new Button(getTranslation("accounts.editor.close"), e -> close());
        close.setId("account-dialog-close");
        getFooter().add(close);
    }

    private void saveRole() {
        AtomicBoolean found = new AtomicBoolean(true);
        if (roleForm.save(change -> found.set(accounts.changeRole(account.username(), change.role(), me)))
                && found(found.get(), roleForm, "role")) {
            done(getTranslation(
                    "accounts.editor.role-changed", account.username(), AdminAccountsView.roleLabel(role.getValue())));
        }
    }

    private void generate() {
        String p = GeneratedPasswords.grouped(new SecureRandom());
        password.setValue(p);
        repeat.setValue(p);
        generated.setText(getTranslation("accounts.editor.generated", p, account.username()));
        generated.setVisible(true);
    }

    private void resetPassword() {
        AtomicBoolean found = new AtomicBoolean(true);
        if (resetForm.save(reset -> found.set(accounts.resetPassword(account.username(), reset.password(), me)))
                && found(found.get(), resetForm, "password")) {
            done(getTranslation("accounts.editor.password-reset", account.username()));
        }
    }

    /** An account deleted meanwhile is said at {@code field}. */
    private boolean found(boolean found, DraftForm<?> form, String field) {
        if (!found) form.errors().show(Map.of(field, getTranslation("accounts.editor.gone")));
        return found;
    }

    private void done(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        close();
        changed.run();
    }
}
