package org.tandem.webui.ivr;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class IvrPages {

    @Bean
    AdminPage ivrMenusPage() {
        return new AdminPage("IVR menus", IvrMenusView.class, VaadinIcon.SITEMAP, 40, MenuSection.CALL_FLOW);
    }

    @Bean
    AdminPage timeConditionsPage() {
        return new AdminPage("Time conditions", TimeConditionsView.class, VaadinIcon.CLOCK, 41, MenuSection.CALL_FLOW);
    }
}
