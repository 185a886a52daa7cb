package org.tandem.webui.accounts;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

@Configuration(proxyBeanMethods = false)
class AccountPages {

    @Bean
    AdminPage adminAccountsPage() {
        return new AdminPage("Admin accounts", AdminAccountsView.class, VaadinIcon.USER_STAR, 45, MenuSection.SYSTEM);
    }

    /** Admin accounts by login name (offered to admins only: the page is theirs). */
    @Bean
    SiteSearch adminAccountSearch(ObjectProvider<AdminCredentials> accounts) {
        return (term, limit) -> accounts.stream()
                .flatMap(a -> a.accounts().stream())
                .filter(a -> a.username().contains(term))
                .limit(limit)
                .map(a -> SearchHit.of(hit(a.username()), AdminAccountsView.class, "admin-accounts"))
                .toList();
    }

    /** {@code desk9 — admin account} in the searching admin's language (English outside a page). */
    private static String hit(String username) {
        UI ui = UI.getCurrent();
        return ui == null ? username + " — admin account" : ui.getTranslation("accounts.search-hit", username);
    }
}
