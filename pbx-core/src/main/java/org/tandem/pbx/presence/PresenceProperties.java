package org.tandem.pbx.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Busy-lamp (RFC 4235 dialog event package) and presence (RFC 3856, RFC 3903) settings, {@code tandem.presence.*}.
 *
 * @param dialogMinExpires        shorter subscriptions and publications get 423 Interval Too Brief, in seconds
 * @param dialogMaxExpires        longer ones are shortened to this (RFC 4235 §3.2, RFC 3856 §6.4: 3600 s)
 * @param subscribeLimit          SUBSCRIBEs (dialog and presence) one source may send within
 *                                {@code subscribeWindow} (300: a receptionist phone with 100 keys boots
 *                                with 200, each challenged once); beyond it 503 with Retry-After, and over TCP/TLS
 *                                (where the source is proven) each refused SUBSCRIBE counts towards a ban
 * @param subscribeWindow         the window of that count
 * @param maxSubscriptionsPerUser subscriptions one user may hold at once; more get 503
 */
@ConfigurationProperties("tandem.presence")
public record PresenceProperties(
        @DefaultValue("60") int dialogMinExpires,
        @DefaultValue("3600") int dialogMaxExpires,
        @DefaultValue("300") int subscribeLimit,
        @DefaultValue("10s") Duration subscribeWindow,
        @DefaultValue("400") int maxSubscriptionsPerUser) {

    public PresenceProperties {
        if (dialogMinExpires <= 0) dialogMinExpires = PropertyDefaults.of(PresenceProperties.class, "dialogMinExpires");
        if (dialogMaxExpires <= 0) dialogMaxExpires = PropertyDefaults.of(PresenceProperties.class, "dialogMaxExpires");
        if (dialogMaxExpires < dialogMinExpires) dialogMaxExpires = dialogMinExpires;
        if (subscribeLimit <= 0) subscribeLimit = PropertyDefaults.of(PresenceProperties.class, "subscribeLimit");
        if (subscribeWindow == null || subscribeWindow.isZero() || subscribeWindow.isNegative()) {
            subscribeWindow = PropertyDefaults.of(PresenceProperties.class, "subscribeWindow");
        }
        if (maxSubscriptionsPerUser <= 0)
            maxSubscriptionsPerUser = PropertyDefaults.of(PresenceProperties.class, "maxSubscriptionsPerUser");
    }
}
