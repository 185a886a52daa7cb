package org.tandem.webui.backup;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class BackupPages {

    @Bean
    AdminPage backupPage() {
        return new AdminPage("Backup", BackupView.class, VaadinIcon.ARCHIVE, 80, MenuSection.SYSTEM);
    }
}
