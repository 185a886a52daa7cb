package org.tandem.webui.audit;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class AuditPages {

    @Bean
    AdminPage auditLogPage() {
        return new AdminPage("Audit log", AuditLogView.class, VaadinIcon.CLIPBOARD_TEXT, 32, MenuSection.MONITORING);
    }
}
