package org.tandem.webui.accounts;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class AccountPages {

    @Bean
    AdminPage adminAccountsPage() {
        return new AdminPage("Admin accounts", AdminAccountsView.class, VaadinIcon.USER_STAR, 45, MenuSection.SYSTEM);
    }
}
