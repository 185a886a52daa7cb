package org.tandem.webui.dashboard;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class DashboardPages {

    @Bean
    AdminPage dashboardPage() {
        return new AdminPage("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD, 10, MenuSection.MONITORING);
    }
}
