package org.tandem.webui.recording;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

/** The call recordings page (issue 18), after the call records in the menu. */
@Configuration(proxyBeanMethods = false)
class RecordingPages {

    @Bean
    AdminPage recordingsPage() {
        return new AdminPage("Recordings", RecordingsView.class, VaadinIcon.RECORDS, 31, MenuSection.MONITORING);
    }
}
