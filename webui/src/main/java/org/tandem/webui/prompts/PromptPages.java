package org.tandem.webui.prompts;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

@Configuration(proxyBeanMethods = false)
class PromptPages {

    @Bean
    AdminPage promptsPage() {
        return new AdminPage("Prompts", PromptsView.class, VaadinIcon.MICROPHONE, 45, MenuSection.CALL_FLOW);
    }
}
