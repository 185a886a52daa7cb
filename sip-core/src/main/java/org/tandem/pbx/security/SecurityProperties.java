package org.tandem.pbx.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Brute-force protection ({@code tandem.security.*}).
 *
 * @param maxFailures   authentication failures from one address within {@code failureWindow} that get
 *                      it banned
 * @param failureWindow the sliding window failures are counted in
 * @param banTime       how long a banned address is ignored
 * @param allowList     addresses (or CIDR blocks such as 192.168.1.0/24) never banned. Empty: no
 *                      address is exempt, loopback included.
 * @param allowListWidestIpv4Prefix the widest IPv4 network the allow-list takes (8: a /8); a wider one
 *                      (e.g. 0.0.0.0/0) would switch brute-force protection off for most of the Internet
 * @param allowListWidestIpv6Prefix the same for IPv6 (32: a provider's whole allocation)
 */
@ConfigurationProperties("tandem.security")
public record SecurityProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("60s") Duration failureWindow,
        @DefaultValue("15m") Duration banTime,
        @DefaultValue List<String> allowList,
        @DefaultValue("8") Integer allowListWidestIpv4Prefix,
        @DefaultValue("32") Integer allowListWidestIpv6Prefix) {

    @ConstructorBinding
    public SecurityProperties {
        if (allowListWidestIpv4Prefix == null || allowListWidestIpv4Prefix < 0 || allowListWidestIpv4Prefix > 32) {
            allowListWidestIpv4Prefix = PropertyDefaults.of(SecurityProperties.class, "allowListWidestIpv4Prefix");
        }
        if (allowListWidestIpv6Prefix == null || allowListWidestIpv6Prefix < 0 || allowListWidestIpv6Prefix > 128) {
            allowListWidestIpv6Prefix = PropertyDefaults.of(SecurityProperties.class, "allowListWidestIpv6Prefix");
        }
        if (maxFailures <= 0) maxFailures = PropertyDefaults.of(SecurityProperties.class, "maxFailures");
        if (failureWindow == null || failureWindow.isZero() || failureWindow.isNegative()) {
            failureWindow = PropertyDefaults.of(SecurityProperties.class, "failureWindow");
        }
        if (banTime == null || banTime.isZero() || banTime.isNegative())
            banTime = PropertyDefaults.of(SecurityProperties.class, "banTime");
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
    }

    /** With the default widest allow-list networks (tests, tools). */
    public SecurityProperties(int maxFailures, Duration failureWindow, Duration banTime, List<String> allowList) {
        this(maxFailures, failureWindow, banTime, allowList, null, null);
    }
}
