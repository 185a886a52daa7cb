package org.tandem.pbx.trunk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.InvalidInputException;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.trunk.internal.RouteRepository;

/**
 * Where calls from trunks go, by DID (the number the provider delivers the call to), and where calls
 * to any other DID go (the default destination; {@code hangup} until an admin sets one).
 */
@Service
public class InboundRoutes implements org.tandem.pbx.routing.DestinationUse {

    private static final Pattern DID = Pattern.compile("\\+?[0-9]{1,32}");
    private static final String DEFAULT_KEY = "inbound.default-destination";

    private final RouteRepository repository;
    private final Map<String, InboundRoute> routes = new ConcurrentHashMap<>();
    private volatile Destination defaultDestination;

    public InboundRoutes(RouteRepository repository) {
        this.repository = repository;
        repository.inboundRoutes().forEach(r -> routes.put(r.did(), r));
        this.defaultDestination = repository.setting(DEFAULT_KEY).map(s -> Destination.parse(s, "default"))
                .orElse(new Destination.Hangup());
    }

    /** The inbound routes (and the default for numbers without one) that send calls to {@code d}. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new java.util.ArrayList<>();
        for (InboundRoute r : list()) {
            if (d.toString().equals(r.destination())) out.add("inbound route " + r.did());
        }
        if (d.equals(defaultDestination)) out.add("the default inbound route");
        return out;
    }

    public List<InboundRoute> list() {
        return routes.values().stream().sorted(java.util.Comparator.comparing(InboundRoute::did)).toList();
    }

    public Optional<InboundRoute> find(String did) {
        return Optional.ofNullable(did == null ? null : routes.get(did));
    }

    /** Creates or replaces the route of {@code did}. */
    @Transactional
    public InboundRoute put(String did, String destination) {
        if (did == null || !DID.matcher(did).matches()) {
            throw new InvalidInputException(Map.of("did", "must be a number: digits, optionally with a leading +"));
        }
        InboundRoute route = new InboundRoute(did, Destination.parse(destination, "destination").toString());
        repository.upsertInbound(route);
        routes.put(did, route);
        return route;
    }

    @Transactional
    public boolean delete(String did) {
        if (repository.deleteInbound(did) == 0) return false;
        routes.remove(did);
        return true;
    }

    public Destination defaultDestination() {
        return defaultDestination;
    }

    @Transactional
    public Destination setDefaultDestination(String text) {
        Destination d = Destination.parse(text, "destination");
        repository.putSetting(DEFAULT_KEY, d.toString());
        defaultDestination = d;
        return d;
    }

    /** Where a call to {@code did} goes: its route, else the default destination. */
    public Destination destinationOf(String did) {
        InboundRoute r = did == null ? null : routes.get(did);
        if (r == null && did != null && did.startsWith("+")) r = routes.get(did.substring(1));
        if (r == null && did != null && !did.startsWith("+")) r = routes.get("+" + did);
        return r == null ? defaultDestination : Destination.parse(r.destination(), "destination");
    }
}
