package org.tandem.webui.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserCsv;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserImport;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.welcome.WelcomeMail;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * Users and their extensions: search, page through, create, edit, delete; a user's registrations.
 * The grid pages lazily (Vaadin fetches only the rows in view).
 */
@Route(value = "users", layout = MainLayout.class)
@PageName("Users")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class UsersView extends VerticalLayout implements BeforeEnterObserver, TranslatedTitle {

    private final UserDirectory users;
    private final Grid<User> grid = new Grid<>(User.class, false);
    private final EmptyHint hint = new EmptyHint("users-hint", getTranslation("users.hint"));
    private final TextField search = new TextField();

    public UsersView(
            UserDirectory users,
            WebPasswords webPasswords,
            LocationService locations,
            UserImport imports,
            AuthenticationContext auth,
            UploadLimits limits,
            WelcomeMail welcome) {
        this.users = users;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        search.setId("user-search");
        search.setPlaceholder(getTranslation("users.search"));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        search.setWidth("24em");
        Button add = new Button(
                getTranslation("users.add"),
                VaadinIcon.PLUS.create(),
                e -> new UserEditor(users, webPasswords, locations, null, canChange, this::refresh, welcome).open());
        add.setId("add-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        Button importCsv = new Button(
                getTranslation("users.import"),
                VaadinIcon.UPLOAD.create(),
                e -> new UserImportDialog(imports, limits, this::refresh).open());
        importCsv.setId("import-users");
        importCsv.setVisible(canChange);
        // every user in the import's columns, no passwords (issue 17); a fresh file at each click
        Anchor export = new Anchor(
                new StreamResource(
                        "users.csv",
                        () -> new ByteArrayInputStream(UserCsv.of(users.list()).getBytes(StandardCharsets.UTF_8))),
                "");
        export.getElement().setAttribute("download", true);
        export.setId("export-users");
        export.add(new Button(getTranslation("users.export"), VaadinIcon.DOWNLOAD.create()));
        grid.setId("users");
        grid.addColumn(User::extension)
                .setHeader(getTranslation("users.extension"))
                .setSortable(false)
                .setAutoWidth(true);
        grid.addColumn(User::displayName).setHeader(getTranslation("users.name"));
        grid.addColumn(u -> u.email() == null ? "" : u.email()).setHeader(getTranslation("users.email"));
        grid.addColumn(u -> locations.lookup(u.extension()).size())
                .setHeader(getTranslation("users.registered-devices"))
                .setAutoWidth(true);
        grid.addItemClickListener(e ->
                new UserEditor(users, webPasswords, locations, e.getItem(), canChange, this::refresh, welcome).open());
        grid.setPageSize(50);
        grid.setSizeFull();
        add(new H2(getTranslation("users.title")), new HorizontalLayout(search, add, importCsv, export), hint, grid);
        refresh();
    }

    private void refresh() {
        String term = search.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(
                query -> matching(term).stream().skip(query.getOffset()).limit(query.getLimit()),
                query -> matching(term).size());
        hint.showWhen(term.isEmpty() && users.list().isEmpty());
    }

    private List<User> matching(String term) {
        if (term.isEmpty()) return users.list();
        return users.list().stream()
                .filter(u -> u.extension().contains(term)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(term)
                        || (u.email() != null
                                && u.email().toLowerCase(Locale.ROOT).contains(term)))
                .toList();
    }

    /** {@code /users?search=101} (the top bar's search box opens it so): the list filtered by that term. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("search").ifPresent(search::setValue);
    }
}
