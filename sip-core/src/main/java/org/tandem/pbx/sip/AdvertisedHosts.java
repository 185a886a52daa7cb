package org.tandem.pbx.sip;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.tandem.pbx.config.ExternalAddress;

/**
 * The host the appliance names itself by to one party, in the Record-Routes and Contacts that party uses to reach it
 * again (issue 20). On the LAN that is the advertised host ({@code tandem.sip.advertised-address}); to a party
 * outside the local networks — a home worker, a provider — behind an office router that forwards SIP to the
 * appliance, it is the router's public address (the setup wizard's external host, {@code --tandem.external-address}),
 * since the LAN address is unreachable from there.
 */
public final class AdvertisedHosts {

    private final Supplier<String> advertisedHost;
    private final ExternalAddress external;
    private final Predicate<String> outside;

    /** @param outside true for a party's address outside the local networks */
    public AdvertisedHosts(String advertisedHost, ExternalAddress external, Predicate<String> outside) {
        this(() -> advertisedHost, external, outside);
    }

    /** @param advertisedHost read per use: the advertised host follows the host's address (issue 21) */
    public AdvertisedHosts(Supplier<String> advertisedHost, ExternalAddress external, Predicate<String> outside) {
        this.advertisedHost = advertisedHost;
        this.external = external;
        this.outside = outside;
    }

    /** Always the advertised host (no external address): tests and single-network set-ups. */
    public static AdvertisedHosts only(String advertisedHost) {
        return new AdvertisedHosts(advertisedHost, new ExternalAddress(), peer -> false);
    }

    /** Our host as the party at {@code peerAddress} reaches us; the advertised host for null or a LAN party. */
    public String hostFor(String peerAddress) {
        if (peerAddress == null) return advertisedHost.get();
        return external.host().filter(h -> outside.test(peerAddress)).orElseGet(advertisedHost);
    }
}
