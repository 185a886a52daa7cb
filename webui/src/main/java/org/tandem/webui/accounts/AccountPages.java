package org.tandem.webui.accounts;

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
        return (term, limit) -> accounts.stream().flatMap(a -> a.accounts().stream())
                .filter(a -> a.username().contains(term))
                .limit(limit)
                .map(a -> SearchHit.of(a.username() + " — admin account", AdminAccountsView.class, "admin-accounts"))
                .toList();
    }
}
