package org.tandem.webui.conference;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class ConferencePages {

    @Bean
    AdminPage conferenceRoomsPage() {
        return new AdminPage(
                "Conference rooms", ConferenceRoomsView.class, VaadinIcon.GROUP, 42, MenuSection.CALL_FLOW);
    }

    @Bean
    AdminPage parkPage() {
        return new AdminPage("Call park", ParkView.class, VaadinIcon.CAR, 43, MenuSection.CALL_FLOW);
    }
}
