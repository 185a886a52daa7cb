package org.tandem.webui.tokens;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.accounts.AdminAccountsView;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.tokens.ApiTokenAdmin.Token;

/**
 * API tokens for scripts (issue 17: "API tokens for scripts instead of the admin password"), the page of
 * {@code /api/v1/tokens}: the tokens by name, role, creator and last use (never a secret), a new one, whose secret is
 * shown once (RFC 6750 §2.1 bearer; only its SHA-256 is stored), and revoking one after the shared confirmation.
 */
@Route(value = "api-tokens", layout = MainLayout.class)
@PageName("API tokens")
@RolesAllowed("ADMIN")
public class ApiTokensView extends VerticalLayout implements TranslatedTitle {

    private static final ZonedFormat WHEN = ZonedFormat.of("yyyy-MM-dd HH:mm");

    private final ApiTokenAdmin tokens;
    private final String me;
    private final Grid<Token> grid = new Grid<>(Token.class, false);
    private final TextField name = new TextField(getTranslation("tokens.name"));
    private final Select<String> role = new Select<>();
    private final DraftForm<NewToken> form = DraftForm.of(NewToken.class, "token-form-error", null)
            .bind("name", name, DraftForm.stripped())
            .bind("role", role);

    /** A new token as {@link ApiTokenAdmin#create} takes it, by the names of its errors. */
    private record NewToken(String name, String role) {}

    public ApiTokensView(ApiTokenAdmin tokens, AuthenticationContext auth) {
        this.tokens = tokens;
        this.me = auth.getPrincipalName().orElse("");
        grid.setId("api-tokens");
        grid.addColumn(Token::name).setHeader(getTranslation("tokens.name")).setAutoWidth(true);
        grid.addColumn(t -> AdminAccountsView.ROLES.getOrDefault(t.role(), t.role()))
                .setHeader(getTranslation("tokens.role"))
                .setAutoWidth(true);
        grid.addColumn(Token::owner).setHeader(getTranslation("tokens.acts-as")).setAutoWidth(true);
        grid.addColumn(t -> WHEN.format(t.createdAt()))
                .setHeader(getTranslation("tokens.created", ZonedFormat.zoneLabel()))
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("tokens.never") : WHEN.format(t.lastUsedAt()))
                .setHeader(getTranslation("tokens.last-used"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::revokeButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        Paragraph empty = new Paragraph(getTranslation("tokens.none"));
        grid.setEmptyStateComponent(empty);
        add(new H2(getTranslation("page.api-tokens")), new Paragraph(getTranslation("tokens.hint")), grid, newToken());
        refresh();
    }

    private Button revokeButton(Token t) {
        Button revoke = new Button(getTranslation("tokens.revoke"));
        revoke.setId("revoke-token-" + t.name());
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        revoke.addClickListener(e -> Deletion.confirm(
                getTranslation("tokens.token-named", t.name()), () -> tokens.revoke(t.name()), this::refresh));
        return revoke;
    }

    private VerticalLayout newToken() {
        name.setId("token-name");
        name.setHelperText(getTranslation("tokens.name.helper"));
        role.setId("token-role");
        role.setLabel(getTranslation("tokens.role"));
        role.setItems("RECEPTIONIST", "OPERATOR", "ADMIN");
        role.setItemLabelGenerator(r -> AdminAccountsView.ROLES.getOrDefault(r, r));
        form.read(new NewToken("", "OPERATOR"));
        role.setWidth("22em"); // the whole "Operator: reads everything, changes nothing"
        role.setHelperText(getTranslation("tokens.role.helper"));
        Button create = new Button(getTranslation("tokens.create"), e -> create());
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(name, role, create);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        VerticalLayout section = new VerticalLayout(
                new H3(getTranslation("tokens.new")), row, form.errors().formError());
        section.setPadding(false);
        return section;
    }

    private void create() {
        AtomicReference<ApiTokenAdmin.Created> created = new AtomicReference<>();
        boolean saved = form.save(token -> {
            try {
                created.set(tokens.create(token.name(), token.role(), me));
            } catch (DuplicateException x) {
                throw new InvalidInputException(Map.of("name", getTranslation("tokens.taken", token.name())));
            }
        });
        if (!saved) return;
        form.read(new NewToken("", role.getValue()));
        refresh();
        new SecretShownOnce(created.get()).open();
    }

    private void refresh() {
        grid.setItems(tokens.tokens());
    }
}
