package org.tandem.webui.frame;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tandem.operations.backup.LiveSession;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.i18n.LanguageSwitch;
import org.tandem.webui.i18n.UiTexts;
import org.tandem.webui.live.LiveSessionNotice;

/**
 * The admin UI's frame: a side menu of pages grouped by task ({@link MenuSection}), a search box ({@link GlobalSearch})
 * and the signed-in account. Feature issues add a page by declaring {@code @Route(value = "...", layout =
 * MainLayout.class)} and a {@link AdminPage} bean, and what can be searched for by a {@link SiteSearch} bean.
 * An account that still has its one-time password is sent to change it before anything else.
 */
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    private final AuthenticationContext auth;
    private final AdminCredentials credentials;

    public MainLayout(
            AuthenticationContext auth,
            AdminCredentials credentials,
            List<AdminPage> pages,
            List<SiteSearch> searches,
            LiveSession liveSession) {
        this.auth = auth;
        this.credentials = credentials;
        H1 title = new H1(AppShell.PRODUCT);
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        String who = auth.getPrincipalName().orElse("?");
        Span account = new Span(who + (auth.hasRole("OPERATOR") ? " (" + getTranslation("frame.read-only") + ")" : ""));
        account.setId("signed-in-as");
        Button logout = new Button(getTranslation("frame.log-out"), VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, new LiveSessionNotice(liveSession));
        // the search box for those who see the settings (a receptionist's menu is the operator panel only)
        if (auth.hasRole("ADMIN") || auth.hasRole("OPERATOR"))
            bar.add(new GlobalSearch(searches, v -> mayOpen(auth, v)));
        bar.add(new LanguageSwitch(), account, logout);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.expand(title);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(bar);
        List<AdminPage> sorted = new ArrayList<>(pages);
        sorted.sort((a, b) -> Integer.compare(a.order(), b.order()));
        // one labelled group per task (issue 17), each listing its pages in their order; empty groups are left out
        for (MenuSection section : MenuSection.values()) {
            SideNav nav = new SideNav(text("section." + section.name().toLowerCase(Locale.ROOT), section.label()));
            nav.setId("nav-" + section.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            nav.setCollapsible(true);
            for (AdminPage page : sorted) {
                if (page.section() == section && mayOpen(auth, page.view())) {
                    nav.addItem(new SideNavItem(
                            text(UiTexts.pageKey(page.title()), page.title()),
                            page.view(),
                            page.icon().create()));
                }
            }
            if (!nav.getItems().isEmpty()) addToDrawer(nav);
        }
    }

    /** The text of {@code key} in the UI's language, or {@code english} for a page whose title has no key yet. */
    private String text(String key, String english) {
        String t = getTranslation(key);
        return t == null || t.equals(key) ? english : t;
    }

    /** Only the pages the account's role opens (a receptionist sees the operator panel, not the settings). */
    private static boolean mayOpen(AuthenticationContext auth, Class<?> view) {
        RolesAllowed allowed = view.getAnnotation(RolesAllowed.class);
        if (allowed == null) return true;
        for (String role : allowed.value()) {
            if (auth.hasRole(role)) return true;
        }
        return false;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        auth.getPrincipalName()
                .filter(credentials::mustChangePassword)
                .ifPresent(name -> event.forwardTo(ChangePasswordView.class));
    }
}
