package org.tandem.webui.users;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;

@Configuration(proxyBeanMethods = false)
class UserPages {

    @Bean
    AdminPage usersPage() {
        return new AdminPage("Users", UsersView.class, VaadinIcon.USERS, 20);
    }
}
