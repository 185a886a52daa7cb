package org.tandem.webui.network;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

/** The Network page under System (issue 21). */
@Configuration(proxyBeanMethods = false)
class NetworkPages {

    @Bean
    AdminPage networkPage() {
        return new AdminPage("Network", NetworkView.class, VaadinIcon.CONNECT, 80, MenuSection.SYSTEM);
    }
}
