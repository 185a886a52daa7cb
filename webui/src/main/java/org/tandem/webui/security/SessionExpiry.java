package org.tandem.webui.security;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * A page whose session ended (the appliance restarted, or the session timed out: server.servlet.session.timeout) goes
 * to the login page with {@code ?expired}, which says why in words (issue 17, defect 12), instead of Vaadin's reload
 * that lands there without a word. Vaadin hands the page this address with its system messages when the page loads;
 * the page goes there when a request finds its session gone (Vaadin's "session expired" answer).
 */
@Component
class SessionExpiry implements VaadinServiceInitListener {

    /** The query parameter the login view reads. */
    static final String PARAMETER = "expired";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().setSystemMessagesProvider(info -> {
            CustomizedSystemMessages messages = new CustomizedSystemMessages();
            // no notification to click away first: straight to the login page, which explains
            messages.setSessionExpiredNotificationEnabled(false);
            messages.setSessionExpiredURL(loginUrl(info.getRequest()));
            return messages;
        });
    }

    /** {@code <context path>/login?expired}: absolute, as the page may be at /user-routing/152 or /me/voicemail. */
    static String loginUrl(VaadinRequest request) {
        String context = request == null || request.getContextPath() == null ? "" : request.getContextPath();
        return context + "/login?" + PARAMETER;
    }
}
