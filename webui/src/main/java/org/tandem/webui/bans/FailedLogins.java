package org.tandem.webui.bans;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.tandem.pbx.security.AccountLocked;
import org.tandem.pbx.security.AccountLockout;
import org.tandem.pbx.security.AccountLockouts;

/**
 * The last failed logins over HTTP (web UI, portal and REST API), newest first, for the Security page,
 * with the moments a login name was locked and the tries made while it was.
 * Bounded: only the last {@value #KEPT} are kept, in memory (the log has them all).
 */
@Component
public class FailedLogins {

    static final int KEPT = 200;

    /**
     * @param accountLocked the name was locked at the time of this try
     * @param lockout       when this entry is the moment the name was locked, that lockout; else null
     */
    public record FailedLogin(Instant at, String name, String address, boolean accountLocked, AccountLockout lockout) {
    }

    private final Deque<FailedLogin> recent = new ArrayDeque<>();
    private final ObjectProvider<AccountLockouts> lockouts;

    public FailedLogins(ObjectProvider<AccountLockouts> lockouts) {
        this.lockouts = lockouts;
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
                ? d.getRemoteAddress() : "?";
        String name = String.valueOf(event.getAuthentication().getName()).replaceAll("\\p{Cntrl}", "?");
        if (name.length() > 64) name = name.substring(0, 64) + "...";
        AccountLockouts locks = lockouts.getIfAvailable();
        boolean locked = locks != null && locks.isLocked(name, address);
        add(new FailedLogin(Instant.now(), name, address, locked, null));
    }

    @EventListener
    void on(AccountLocked event) {
        AccountLockout l = event.lockout();
        add(new FailedLogin(l.lockedAt(), l.account(), l.lastAddress(), false, l));
    }

    private void add(FailedLogin f) {
        synchronized (recent) {
            recent.addFirst(f);
            while (recent.size() > KEPT) recent.removeLast();
        }
    }

    public List<FailedLogin> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
