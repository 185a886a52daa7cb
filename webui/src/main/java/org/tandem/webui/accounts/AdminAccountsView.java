package org.tandem.webui.accounts;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InUseException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.AdminCredentials.Account;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.i18n.UiTexts;

/**
 * The accounts of the web UI and the API (issue 15's front desk, issue 17's "several admin accounts with roles
 * managed in the UI"): who may sign in with which role — Admin (changes everything), Operator (reads only),
 * Receptionist (the operator panel only). A new account gets a one-time password it must change at its first
 * login; an account is deleted after a confirmation, never one's own nor the last Admin. Another account's role
 * changes and its password is reset to a one-time one in {@link AccountEditor}.
 */
@Route(value = "admin-accounts", layout = MainLayout.class)
@PageName("Admin accounts")
@RolesAllowed("ADMIN")
public class AdminAccountsView extends VerticalLayout implements TranslatedTitle {

    /** The roles in English words; {@link #roleLabel} says them in the page's language. */
    public static final Map<String, String> ROLES = Map.of(
            "ADMIN",
            "Admin: changes everything",
            "OPERATOR",
            "Operator: reads everything, changes nothing",
            "RECEPTIONIST",
            "Receptionist: the operator panel only");

    private static final UiTexts TEXTS = new UiTexts();

    private final AdminCredentials accounts;
    private final String me;
    private final Grid<Account> grid = new Grid<>(Account.class, false);
    private final TextField username = new TextField(getTranslation("accounts.login-name"));
    private final Select<String> role = new Select<>();
    private final PasswordField password = new PasswordField(getTranslation("accounts.password"));
    private final DraftForm<NewAccount> form = DraftForm.of(NewAccount.class, "account-form-error", null)
            .bind("username", username, DraftForm.stripped())
            .bind("role", role)
            .bind("password", password);

    /** A new account as {@link AdminCredentials#create} takes it, by the names of its errors. */
    private record NewAccount(String username, String role, String password) {}

    public AdminAccountsView(AdminCredentials accounts, AuthenticationContext auth) {
        this.accounts = accounts;
        this.me = auth.getPrincipalName().orElse("");
        grid.setId("admin-accounts");
        grid.addColumn(Account::username)
                .setHeader(getTranslation("accounts.login-name"))
                .setAutoWidth(true);
        grid.addColumn(a -> roleLabel(a.role()))
                .setHeader(getTranslation("accounts.role"))
                .setAutoWidth(true);
        grid.addColumn(a -> a.mustChangePassword() ? getTranslation("accounts.must-change.next") : "")
                .setHeader(getTranslation("accounts.must-change"));
        grid.addComponentColumn(this::editButton).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(
                new H2(getTranslation("accounts.title")),
                new Paragraph(getTranslation("accounts.intro")),
                grid,
                newAccount());
        refresh();
    }

    private Button editButton(Account a) {
        Button edit = new Button(getTranslation("accounts.edit"));
        edit.setId("edit-account-" + a.username());
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        edit.addClickListener(e -> new AccountEditor(accounts, a, me, this::refresh).open());
        return edit;
    }

    private Button deleteButton(Account a) {
        Button delete = new Button(getTranslation("accounts.delete"));
        delete.setId("delete-account-" + a.username());
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        delete.setEnabled(!a.username().equals(me)); // another admin deletes one's own account
        delete.addClickListener(e -> Deletion.confirm(
                getTranslation("accounts.named", a.username()),
                () -> {
                    try {
                        accounts.delete(a.username(), me);
                    } catch (InvalidInputException x) {
                        throw new InUseException(
                                getTranslation("accounts.named", a.username()),
                                List.of(x.fieldErrors(getLocale())
                                        .getOrDefault("username", getTranslation("accounts.cannot-delete"))));
                    }
                },
                this::refresh));
        return delete;
    }

    private VerticalLayout newAccount() {
        username.setId("account-username");
        username.setHelperText(getTranslation("accounts.login-name.help"));
        role.setId("account-role");
        role.setLabel(getTranslation("accounts.role"));
        role.setItems("RECEPTIONIST", "OPERATOR", "ADMIN");
        role.setItemLabelGenerator(AdminAccountsView::roleLabel);
        form.read(new NewAccount("", "RECEPTIONIST", ""));
        password.setId("account-password");
        password.setHelperText(getTranslation("accounts.password.help"));
        Button create = new Button(getTranslation("accounts.create"), e -> create());
        create.setId("account-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(username, role, password, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        VerticalLayout section = new VerticalLayout(
                new H3(getTranslation("accounts.new")), form, this.form.errors().formError());
        section.setPadding(false);
        return section;
    }

    private void create() {
        String name = username.getValue().strip();
        boolean created = form.save(account -> {
            try {
                accounts.create(account.username(), account.password(), account.role());
            } catch (DuplicateException x) {
                throw new InvalidInputException(Map.of("username", getTranslation("accounts.taken", name)));
            }
        });
        if (!created) return;
        Notification n =
                Notification.show(getTranslation("accounts.created", name), 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        username.clear();
        password.clear();
        refresh();
    }

    /** A role ({@code OPERATOR}) in words, in the language of the current page (English outside one). */
    public static String roleLabel(String role) {
        if (!ROLES.containsKey(role)) return role;
        UI ui = UI.getCurrent();
        return ui == null
                ? ROLES.get(role)
                : TEXTS.getTranslation("accounts.role." + role.toLowerCase(Locale.ROOT), ui.getLocale());
    }

    private void refresh() {
        grid.setItems(accounts.accounts());
    }
}
