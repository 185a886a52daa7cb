package org.tandem.pbx.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Busy-lamp (RFC 4235 dialog event package) and presence (RFC 3856, RFC 3903) settings, {@code tandem.presence.*}.
 *
 * @param dialogMinExpires        shorter subscriptions and publications get 423 Interval Too Brief (default 60 s)
 * @param dialogMaxExpires        longer ones are shortened to this (default 3600 s, RFC 4235 §3.2, RFC 3856 §6.4)
 * @param subscribeLimit          SUBSCRIBEs (dialog and presence) one source may send within
 *                                {@code subscribeWindow} (default 300: a receptionist phone with 100 keys boots
 *                                with 200, each challenged once); beyond it 503 with Retry-After, and over TCP/TLS
 *                                (where the source is proven) each refused SUBSCRIBE counts towards a ban
 * @param subscribeWindow         the window of that count (default 10 s)
 * @param maxSubscriptionsPerUser subscriptions one user may hold at once (default 400); more get 503
 */
@ConfigurationProperties("tandem.presence")
public record PresenceProperties(int dialogMinExpires, int dialogMaxExpires, int subscribeLimit,
                                 Duration subscribeWindow, int maxSubscriptionsPerUser) {

    public PresenceProperties {
        if (dialogMinExpires <= 0) dialogMinExpires = 60;
        if (dialogMaxExpires <= 0) dialogMaxExpires = 3600;
        if (dialogMaxExpires < dialogMinExpires) dialogMaxExpires = dialogMinExpires;
        if (subscribeLimit <= 0) subscribeLimit = 300;
        if (subscribeWindow == null || subscribeWindow.isZero() || subscribeWindow.isNegative()) {
            subscribeWindow = Duration.ofSeconds(10);
        }
        if (maxSubscriptionsPerUser <= 0) maxSubscriptionsPerUser = 400;
    }
}
