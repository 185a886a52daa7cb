package org.tandem.webui.certificate;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class CertificatePages {

    @Bean
    AdminPage certificatePage() {
        return new AdminPage("Certificate", CertificateView.class, VaadinIcon.LOCK, 85, MenuSection.SYSTEM);
    }
}
