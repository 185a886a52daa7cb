package org.tandem.webui.operator;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class OperatorPages {

    @Bean
    AdminPage operatorPage() {
        return new AdminPage("Operator panel", OperatorPanelView.class, VaadinIcon.PHONE, 5, MenuSection.MONITORING);
    }
}
