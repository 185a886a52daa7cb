package org.tandem.pbx.routing.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.NumberedDestinations;

/** All {@link NumberedDestinations} features, looked up once (on the first call, when every bean exists). */
final class NumberedDestinationsOf implements NumberedDestinations {

    /** These features place calls through the router that asks them (a cycle), hence looked up at the first call. */
    private final ObjectProvider<NumberedDestinations> provider;

    private volatile List<NumberedDestinations> all;

    NumberedDestinationsOf(ObjectProvider<NumberedDestinations> provider) {
        this.provider = provider;
    }

    @Override
    public Optional<Destination> destinationOf(String number) {
        List<NumberedDestinations> features = all;
        if (features == null) all = features = provider.orderedStream().toList();
        for (NumberedDestinations f : features) {
            Optional<Destination> d = f.destinationOf(number);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }
}
