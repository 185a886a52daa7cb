package org.tandem.webui.phones;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;

@Configuration(proxyBeanMethods = false)
class PhonePages {

    @Bean
    AdminPage phonesPage() {
        return new AdminPage("Phones", PhonesView.class, VaadinIcon.PHONE_LANDLINE, 25);
    }
}
