package org.tandem.webui.about;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

/** The About page, last under System. */
@Configuration(proxyBeanMethods = false)
class AboutPages {

    @Bean
    AdminPage aboutPage() {
        return new AdminPage("About and updates", AboutView.class, VaadinIcon.INFO_CIRCLE, 95, MenuSection.SYSTEM);
    }
}
