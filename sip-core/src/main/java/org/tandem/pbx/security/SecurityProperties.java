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
 * @param allowListWidestIpv4Prefix the widest IPv4 network the allow-list takes (default 8: a /8); a wider one
 *                      (e.g. 0.0.0.0/0) would switch brute-force protection off for most of the Internet
 * @param allowListWidestIpv6Prefix the same for IPv6 (default 32: a provider's whole allocation)
 */
@ConfigurationProperties("tandem.security")
public record SecurityProperties(int maxFailures, Duration failureWindow, Duration banTime, List<String> allowList,
                                 Integer allowListWidestIpv4Prefix, Integer allowListWidestIpv6Prefix) {

    public static final int DEFAULT_WIDEST_IPV4 = 8;
    public static final int DEFAULT_WIDEST_IPV6 = 32;

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public SecurityProperties {
        if (allowListWidestIpv4Prefix == null || allowListWidestIpv4Prefix < 0 || allowListWidestIpv4Prefix > 32) {
            allowListWidestIpv4Prefix = DEFAULT_WIDEST_IPV4;
        }
        if (allowListWidestIpv6Prefix == null || allowListWidestIpv6Prefix < 0 || allowListWidestIpv6Prefix > 128) {
            allowListWidestIpv6Prefix = DEFAULT_WIDEST_IPV6;
        }
        if (maxFailures <= 0) maxFailures = 10;
        if (failureWindow == null || failureWindow.isZero() || failureWindow.isNegative()) {
            failureWindow = Duration.ofSeconds(60);
        }
        if (banTime == null || banTime.isZero() || banTime.isNegative()) banTime = Duration.ofMinutes(15);
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
    }

    /** With the default widest allow-list networks (tests, tools). */
    public SecurityProperties(int maxFailures, Duration failureWindow, Duration banTime, List<String> allowList) {
        this(maxFailures, failureWindow, banTime, allowList, null, null);
    }
}
