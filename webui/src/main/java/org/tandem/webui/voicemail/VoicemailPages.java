package org.tandem.webui.voicemail;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

/** The admin's view of the voicemail boxes, beside the users. */
@Configuration(proxyBeanMethods = false)
class VoicemailPages {

    @Bean
    AdminPage voicemailBoxesPage() {
        return new AdminPage(
                "Voicemail boxes", VoicemailBoxesView.class, VaadinIcon.ENVELOPE, 21, MenuSection.USERS_AND_PHONES);
    }
}
