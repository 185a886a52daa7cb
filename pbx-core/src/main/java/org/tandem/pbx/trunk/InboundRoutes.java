package org.tandem.pbx.trunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.trunk.internal.RouteRepository;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Where calls from trunks go, by DID (the number the provider delivers the call to), and where calls
 * to any other DID go (the default destination; {@code hangup} until an admin sets one).
 */
@Service
public class InboundRoutes implements DestinationUse {

    private static final Pattern DID = Pattern.compile("\\+?[0-9]{1,32}");
    private static final String DEFAULT_KEY = "inbound.default-destination";

    private final RouteRepository repository;
    private final KnownDestinations known;
    private final Map<String, InboundRoute> routes = new ConcurrentHashMap<>();
    private volatile Destination defaultDestination;

    public InboundRoutes(RouteRepository repository, KnownDestinations known) {
        this.repository = repository;
        this.known = known;
        repository.inboundRoutes().forEach(r -> routes.put(r.did(), r));
        this.defaultDestination = repository
                .setting(DEFAULT_KEY)
                .map(s -> Destination.parse(s, "default"))
                .orElse(new Destination.Hangup());
    }

    /** The inbound routes (and the default for numbers without one) that send calls to {@code d}. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new ArrayList<>();
        for (InboundRoute r : list()) {
            if (d.toString().equals(r.destination())) out.add("inbound route " + r.did());
        }
        if (d.equals(defaultDestination)) out.add("the default inbound route");
        return out;
    }

    public List<InboundRoute> list() {
        return routes.values().stream()
                .sorted(Comparator.comparing(InboundRoute::did))
                .toList();
    }

    public Optional<InboundRoute> find(String did) {
        return Optional.ofNullable(did == null ? null : routes.get(did));
    }

    /**
     * Adds the route of a new DID.
     *
     * @throws DuplicateException when {@code did} (with or without its leading +) has a route: changing where it goes
     *                            is an edit ({@link #put}), never a side effect of adding
     */
    @Transactional
    public InboundRoute create(String did, String destination) {
        InboundRoute route = checked(did, destination);
        String other = did.startsWith("+") ? did.substring(1) : "+" + did;
        InboundRoute existing = routes.containsKey(did) ? routes.get(did) : routes.get(other);
        if (existing != null) {
            throw new DuplicateException("duplicate.inbound-route", existing.did(), existing.destination());
        }
        repository.upsertInbound(route);
        routes.put(did, route);
        return route;
    }

    /** Creates or replaces the route of {@code did}. */
    @Transactional
    public InboundRoute put(String did, String destination) {
        InboundRoute route = checked(did, destination);
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
        known.problem(d).ifPresent(p -> {
            throw InvalidInputException.of(Map.of("destination", p));
        });
        repository.putSetting(DEFAULT_KEY, d.toString());
        defaultDestination = d;
        return d;
    }

    /** The route, once its DID is a number and its destination exists (as everywhere a destination is named). */
    private InboundRoute checked(String did, String destination) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (did == null || !DID.matcher(did).matches()) {
            errors.put("did", FieldError.of("common.number-digits"));
        }
        Destination d = known.parse(errors, "destination", destination == null ? "" : destination, null);
        if (d == null && !errors.containsKey("destination"))
            errors.put("destination", FieldError.of("common.required"));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new InboundRoute(did, d.toString());
    }

    /** Where a call to {@code did} goes: its route, else the default destination. */
    public Destination destinationOf(String did) {
        InboundRoute r = did == null ? null : routes.get(did);
        if (r == null && did != null && did.startsWith("+")) r = routes.get(did.substring(1));
        if (r == null && did != null && !did.startsWith("+")) r = routes.get("+" + did);
        return r == null ? defaultDestination : Destination.parse(r.destination(), "destination");
    }
}
