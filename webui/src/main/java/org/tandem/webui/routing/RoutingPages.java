package org.tandem.webui.routing;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;

/** The dial-plan pages, next to Users in the menu (a user's own call settings are reached from Users). */
@Configuration(proxyBeanMethods = false)
class RoutingPages {

    @Bean
    AdminPage ringGroupsPage() {
        return new AdminPage("Ring groups", RingGroupsView.class, VaadinIcon.GROUP, 22);
    }

    @Bean
    AdminPage featureCodesPage() {
        return new AdminPage("Feature codes", FeatureCodesView.class, VaadinIcon.ASTERISK, 24);
    }
}
