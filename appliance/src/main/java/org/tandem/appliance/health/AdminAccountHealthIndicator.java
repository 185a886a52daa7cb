package org.tandem.appliance.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tandem.appliance.admin.AdminAccounts;

/**
 * DOWN until an ADMIN account exists. The first admin is created only once the appliance has fully
 * started (see InitialAdminAccount), so without this a client that waits for "UP" could reach the API
 * a few milliseconds before any account can log in.
 */
@Component("adminAccount")
public class AdminAccountHealthIndicator implements HealthIndicator {

    private final AdminAccounts accounts;
    private volatile boolean seen;

    public AdminAccountHealthIndicator(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Health health() {
        if (!seen) seen = accounts.anyAdmin();
        return seen
                ? Health.up().build()
                : Health.down()
                        .withDetail("reason", "no admin account yet (created when startup completes)")
                        .build();
    }
}
