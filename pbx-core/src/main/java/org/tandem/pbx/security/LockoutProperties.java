package org.tandem.pbx.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-account lockout of web and API logins ({@code tandem.security.lockout.*}): unlike an address ban
 * it stops a guesser who spreads the tries over many addresses.
 *
 * @param maxFailures   failed passwords for one account name within {@code failureWindow} that lock it
 *                      (default 5)
 * @param failureWindow the sliding window failures are counted in (default 15 min)
 * @param lockTime      how long the account then refuses every password, the right one included
 *                      (default 15 min); an admin can unlock it earlier
 */
@ConfigurationProperties("tandem.security.lockout")
public record LockoutProperties(int maxFailures, Duration failureWindow, Duration lockTime) {

    public LockoutProperties {
        if (maxFailures <= 0) maxFailures = 5;
        if (failureWindow == null || failureWindow.isZero() || failureWindow.isNegative()) {
            failureWindow = Duration.ofMinutes(15);
        }
        if (lockTime == null || lockTime.isZero() || lockTime.isNegative()) lockTime = Duration.ofMinutes(15);
    }
}
