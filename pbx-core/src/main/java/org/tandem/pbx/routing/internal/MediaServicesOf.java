package org.tandem.pbx.routing.internal;

import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;

/**
 * The media services the dial plan can hand calls to, looked up once (on the first call, when every
 * bean exists): destinations and feature codes nobody serves are refused with 480.
 */
final class MediaServicesOf {

    /** The services send calls on through the router that asks them (a cycle), hence looked up at the first call. */
    private final ObjectProvider<ServedDestination> destinationProvider;

    private final ObjectProvider<FeatureService> featureProvider;
    private volatile List<ServedDestination> destinations;
    private volatile List<FeatureService> features;

    MediaServicesOf(ObjectProvider<ServedDestination> destinations, ObjectProvider<FeatureService> features) {
        this.destinationProvider = destinations;
        this.featureProvider = features;
    }

    RouteStep step(CallRequest call, Destination destination, ServedDestination.Reason reason) {
        ServedDestination served = find(destination);
        if (served == null) return new RouteStep.Refuse(480, "Not available: " + destination);
        return served.step(call, destination, reason);
    }

    /** Whether {@code destination} is served and can take a call now. */
    boolean available(Destination destination) {
        ServedDestination served = find(destination);
        return served != null && served.available(destination);
    }

    RouteStep feature(CallRequest call, Feature feature, String argument) {
        List<FeatureService> all = features;
        if (all == null)
            features = all = featureProvider == null
                    ? List.of()
                    : featureProvider.orderedStream().toList();
        for (FeatureService f : all) {
            if (f.serves(feature)) return f.step(call, feature, argument);
        }
        return new RouteStep.Refuse(480, "Not available: " + feature.name().toLowerCase(Locale.ROOT));
    }

    private ServedDestination find(Destination destination) {
        List<ServedDestination> all = destinations;
        if (all == null) {
            destinations = all = destinationProvider == null
                    ? List.of()
                    : destinationProvider.orderedStream().toList();
        }
        for (ServedDestination d : all) {
            if (d.serves(destination)) return d;
        }
        return null;
    }
}
