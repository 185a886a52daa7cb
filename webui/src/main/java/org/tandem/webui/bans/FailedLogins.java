package org.tandem.webui.bans;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.credentials.LoginFailed;
import org.tandem.pbx.security.AccountLocked;
import org.tandem.pbx.security.AccountLockout;

/**
 * The last failed logins over HTTP (web UI, portal, REST API and XCAP: every door of the one store of web passwords),
 * newest first, for the Security page, with the moments a login name was locked and the tries made while it was.
 * Bounded: only the last {@value #KEPT} are kept, in memory (the log has them all).
 */
@Component
public class FailedLogins {

    static final int KEPT = 200;

    /**
     * @param accountLocked the name was locked at the time of this try
     * @param lockout       when this entry is the moment the name was locked, that lockout; else null
     */
    public record FailedLogin(Instant at, String name, String address, boolean accountLocked, AccountLockout lockout) {}

    private final Deque<FailedLogin> recent = new ArrayDeque<>();

    @EventListener
    void on(LoginFailed event) {
        add(new FailedLogin(event.at(), event.name(), event.source(), event.accountLocked(), null));
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
