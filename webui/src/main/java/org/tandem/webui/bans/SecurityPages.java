package org.tandem.webui.bans;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class SecurityPages {

    @Bean
    AdminPage securityPage() {
        return new AdminPage("Security", SecurityView.class, VaadinIcon.SHIELD, 40, MenuSection.SYSTEM);
    }
}
