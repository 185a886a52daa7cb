package org.tandem.pbx.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Lockout of web and API logins, and of conference PINs ({@code tandem.security.lockout.*}). A lock holds for one
 * login name tried from one source (an IPv4 address, an IPv6 /64), so nobody elsewhere can lock the admin out
 * (issue 22 finding 4, OWASP ASVS 4.0 V2.2.1); an address that keeps guessing is also banned by the address bans.
 * Logins from an allow-listed address are never locked.
 *
 * @param maxFailures   failed passwords for one name from one source within {@code failureWindow} that lock it
 * @param failureWindow the sliding window failures are counted in
 * @param lockTime      how long the first lock lasts: every password from that source is refused,
 *                      the right one included; an admin can unlock it earlier
 * @param maxLockTime   each further lock of the same name and source doubles, up to this; the
 *                      doubling is forgotten after a success from that source or this long without a lock
 */
@ConfigurationProperties("tandem.security.lockout")
public record LockoutProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockTime,
        @DefaultValue("24h") Duration maxLockTime) {

    @ConstructorBinding
    public LockoutProperties {
        if (maxFailures <= 0) maxFailures = PropertyDefaults.of(LockoutProperties.class, "maxFailures");
        if (failureWindow == null || failureWindow.isZero() || failureWindow.isNegative()) {
            failureWindow = PropertyDefaults.of(LockoutProperties.class, "failureWindow");
        }
        if (lockTime == null || lockTime.isZero() || lockTime.isNegative())
            lockTime = PropertyDefaults.of(LockoutProperties.class, "lockTime");
        if (maxLockTime == null || maxLockTime.compareTo(lockTime) < 0) {
            Duration byDefault = PropertyDefaults.of(LockoutProperties.class, "maxLockTime");
            maxLockTime = lockTime.compareTo(byDefault) > 0 ? lockTime : byDefault;
        }
    }

    public LockoutProperties(int maxFailures, Duration failureWindow, Duration lockTime) {
        this(maxFailures, failureWindow, lockTime, null);
    }
}
