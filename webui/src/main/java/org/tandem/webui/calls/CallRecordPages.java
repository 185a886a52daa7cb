package org.tandem.webui.calls;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class CallRecordPages {

    @Bean
    AdminPage callRecordsPage() {
        return new AdminPage("Call records", CallRecordsView.class, VaadinIcon.PHONE, 30, MenuSection.MONITORING);
    }
}
