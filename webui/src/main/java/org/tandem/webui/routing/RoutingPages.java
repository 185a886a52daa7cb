package org.tandem.webui.routing;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;
import org.tandem.webui.frame.SearchHit;
import org.tandem.webui.frame.SiteSearch;
import org.tandem.webui.i18n.UiTexts;

/** The dial-plan pages, next to Users in the menu (a user's own call settings are reached from Users). */
@Configuration(proxyBeanMethods = false)
class RoutingPages {

    @Bean
    AdminPage ringGroupsPage() {
        return new AdminPage("Ring groups", RingGroupsView.class, VaadinIcon.GROUP, 22, MenuSection.CALL_FLOW);
    }

    @Bean
    AdminPage featureCodesPage() {
        return new AdminPage("Feature codes", FeatureCodesView.class, VaadinIcon.ASTERISK, 24, MenuSection.CALL_FLOW);
    }

    /** Ring groups by number or name. */
    @Bean
    SiteSearch ringGroupSearch(RoutingDirectory routing) {
        return (term, limit) -> routing.ringGroups().stream()
                .filter(g -> g.number().contains(term)
                        || g.name().toLowerCase(Locale.ROOT).contains(term))
                .limit(limit)
                .map(g -> SearchHit.of(
                        text("routing.search.ring-group", g.number(), g.name()), RingGroupsView.class, "ring-groups"))
                .toList();
    }

    private static final UiTexts TEXTS = new UiTexts();

    /** A hit's words in the language of the page searching; English outside a page. */
    private static String text(String key, Object... params) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation(key, params) : TEXTS.getTranslation(key, Locale.ENGLISH, params);
    }
}
