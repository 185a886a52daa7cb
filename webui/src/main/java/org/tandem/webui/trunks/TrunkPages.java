package org.tandem.webui.trunks;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.webui.frame.AdminPage;

/** The pages of calls to and from providers: trunks, then the routes that use them. */
@Configuration(proxyBeanMethods = false)
class TrunkPages {

    @Bean
    AdminPage trunksPage() {
        return new AdminPage("Trunks", TrunksView.class, VaadinIcon.CONNECT, 26);
    }

    @Bean
    AdminPage outboundRoutesPage() {
        return new AdminPage("Outbound routes", OutboundRoutesView.class, VaadinIcon.SIGN_OUT_ALT, 27);
    }

    @Bean
    AdminPage inboundRoutesPage() {
        return new AdminPage("Inbound routes", InboundRoutesView.class, VaadinIcon.SIGN_IN_ALT, 28);
    }
}
