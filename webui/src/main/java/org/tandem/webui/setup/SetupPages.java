package org.tandem.webui.setup;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class SetupPages {

    @Bean
    AdminPage setupPage() {
        return new AdminPage("Setup", SetupWizardView.class, VaadinIcon.COG, 90, MenuSection.SYSTEM);
    }
}
