package org.tandem.webui.users;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

@Configuration(proxyBeanMethods = false)
class UserPages {

    @Bean
    AdminPage usersPage() {
        return new AdminPage("Users", UsersView.class, VaadinIcon.USERS, 20, MenuSection.USERS_AND_PHONES);
    }

    /** Users by extension, name or e-mail: the Users page, filtered to the one found. */
    @Bean
    SiteSearch userSearch(UserDirectory users) {
        return (term, limit) -> users.list().stream()
                .filter(u -> u.extension().contains(term)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(term)
                        || (u.email() != null
                                && u.email().toLowerCase(Locale.ROOT).contains(term)))
                .limit(limit)
                .map(u -> new SearchHit(
                        hit(u.extension(), u.displayName()), UsersView.class, "users", Map.of("search", u.extension())))
                .toList();
    }

    /** {@code 451 · Paula Nordmann — user} in the searching admin's language (English outside a page). */
    private static String hit(String extension, String name) {
        UI ui = UI.getCurrent();
        return ui == null
                ? extension + " · " + name + " — user"
                : ui.getTranslation("users.search-hit", extension, name);
    }
}
