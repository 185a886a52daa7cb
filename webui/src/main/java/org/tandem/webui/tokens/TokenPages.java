package org.tandem.webui.tokens;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

/** The API tokens page, in the system part of the menu after the admin accounts; tokens found by name. */
@Configuration(proxyBeanMethods = false)
class TokenPages {

    @Bean
    AdminPage apiTokensPage() {
        return new AdminPage("API tokens", ApiTokensView.class, VaadinIcon.KEY, 46, MenuSection.SYSTEM);
    }

    /** Tokens by name (offered to admins only: the page is theirs). */
    @Bean
    SiteSearch apiTokenSearch(ApiTokenAdmin tokens) {
        return (term, limit) -> tokens.tokens().stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).contains(term))
                .limit(limit)
                .map(t -> SearchHit.of(hit(t.name()), ApiTokensView.class, "api-tokens"))
                .toList();
    }

    /** "nightly-backup — API token" in the language of the UI that searches (English outside a UI). */
    private static String hit(String name) {
        UI ui = UI.getCurrent();
        return ui == null ? name + " — API token" : ui.getTranslation("tokens.search-hit", name);
    }
}
