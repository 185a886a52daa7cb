package org.tandem.webui.blocklist;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;
import org.tandem.webui.frame.MenuSection;

/** The blocklist page, next to the inbound routes in the menu. */
@Configuration(proxyBeanMethods = false)
class BlocklistPages {

    @Bean
    AdminPage blocklistPage() {
        return new AdminPage("Blocklist", BlocklistView.class, VaadinIcon.BAN, 29, MenuSection.CALL_FLOW);
    }
}
