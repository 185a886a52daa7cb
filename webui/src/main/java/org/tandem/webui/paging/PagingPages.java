package org.tandem.webui.paging;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;

/** The paging groups page, in the call-flow section after ring groups; found by number or name. */
@Configuration(proxyBeanMethods = false)
class PagingPages {

    @Bean
    AdminPage pagingGroupsPage() {
        return new AdminPage("Paging groups", PagingGroupsView.class, VaadinIcon.MEGAPHONE, 23, MenuSection.CALL_FLOW);
    }

    @Bean
    SiteSearch pagingGroupSearch(PagingGroups groups) {
        return (term, limit) -> groups.list().stream()
                .filter(g -> g.number().contains(term)
                        || g.name().toLowerCase(Locale.ROOT).contains(term))
                .limit(limit)
                .map(g -> SearchHit.of(hit(g), PagingGroupsView.class, "paging-groups"))
                .toList();
    }

    /** "640 · Warehouse — paging group" in the language of the UI that searches (English outside a UI). */
    private static String hit(PagingGroup g) {
        UI ui = UI.getCurrent();
        return ui == null
                ? g.number() + " · " + g.name() + " — paging group"
                : ui.getTranslation("paging.search-hit", g.number(), g.name());
    }
}
