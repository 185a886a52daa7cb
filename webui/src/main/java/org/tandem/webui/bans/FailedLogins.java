package org.tandem.webui.bans;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The last failed logins over HTTP (web UI, portal and REST API), newest first, for the Security page.
 * Bounded: only the last {@value #KEPT} are kept, in memory (the log has them all).
 */
@Component
public class FailedLogins {

    static final int KEPT = 200;

    public record FailedLogin(Instant at, String name, String address) {
    }

    private final Deque<FailedLogin> recent = new ArrayDeque<>();

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
                ? d.getRemoteAddress() : "?";
        String name = String.valueOf(event.getAuthentication().getName()).replaceAll("\\p{Cntrl}", "?");
        if (name.length() > 64) name = name.substring(0, 64) + "...";
        synchronized (recent) {
            recent.addFirst(new FailedLogin(Instant.now(), name, address));
            while (recent.size() > KEPT) recent.removeLast();
        }
    }

    public List<FailedLogin> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
