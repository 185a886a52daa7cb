package org.tandem.pbx.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force protection ({@code tandem.security.*}).
 *
 * @param maxFailures   authentication failures from one address within {@code failureWindow} that get
 *                      it banned (default 10)
 * @param failureWindow the sliding window failures are counted in (default 60 s)
 * @param banTime       how long a banned address is ignored (default 15 min)
 * @param allowList     addresses (or CIDR blocks such as 192.168.1.0/24) never banned. Empty by default:
 *                      no address is exempt, loopback included.
 */
@ConfigurationProperties("tandem.security")
public record SecurityProperties(int maxFailures, Duration failureWindow, Duration banTime, List<String> allowList) {

    public SecurityProperties {
        if (maxFailures <= 0) maxFailures = 10;
        if (failureWindow == null || failureWindow.isZero() || failureWindow.isNegative()) {
            failureWindow = Duration.ofSeconds(60);
        }
        if (banTime == null || banTime.isZero() || banTime.isNegative()) banTime = Duration.ofMinutes(15);
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
    }
}
