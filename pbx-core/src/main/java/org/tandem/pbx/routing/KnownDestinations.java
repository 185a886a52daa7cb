package org.tandem.pbx.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.tandem.pbx.directory.ExtensionUse;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Checks that a destination names something that exists: an extension or voicemail box of a user, a
 * ring group, or whatever a {@link DestinationCheck} feature owns (conference rooms, IVR menus, time
 * conditions). External numbers and hang up always exist. For configuration that is written rarely (IVR
 * menus, time conditions); the call path never asks.
 */
@Service
public class KnownDestinations implements ExtensionUse {

    private final UserDirectory users;
    private final RoutingDirectory routing;
    /** The features that own destinations or name them (checks, uses); they depend on this bean (a cycle), hence looked up when asked. */
    private final ObjectProvider<DestinationCheck> checks;

    private final ObjectProvider<DestinationUse> uses;

    public KnownDestinations(
            UserDirectory users,
            RoutingDirectory routing,
            ObjectProvider<DestinationCheck> checks,
            ObjectProvider<DestinationUse> uses) {
        this.users = users;
        this.routing = routing;
        this.checks = checks;
        this.uses = uses;
    }

    /**
     * Before {@code d} is deleted: refuses when an inbound route, an IVR key or a time condition still sends calls
     * there (they would fail), naming each.
     *
     * @throws org.tandem.pbx.validation.InUseException when anything does
     */
    public void refuseIfUsed(Destination d, String what) {
        DestinationUse.refuseIfUsed(uses.orderedStream().toList(), d, what);
    }

    /**
     * What sends calls to {@code d} (inbound routes, IVR keys, time conditions, ring groups, users' forwarding),
     * for the admin, e.g. "IVR menu main (key 1)"; empty when nothing does. Asked before a delete is offered.
     */
    public List<String> usesOf(Destination d) {
        List<String> found = new ArrayList<>();
        uses.orderedStream().forEach(u -> found.addAll(u.usesOf(d)));
        return found;
    }

    /** A user is used wherever their extension or their voicemail box is a destination. */
    @Override
    public List<String> usesOfExtension(String extension) {
        Set<String> found = new LinkedHashSet<>(usesOf(new Destination.Extension(extension)));
        found.addAll(usesOf(new Destination.Voicemail(extension)));
        return List.copyOf(found);
    }

    /** Why {@code d} cannot be used, or empty. */
    public Optional<FieldError> problem(Destination d) {
        if (d instanceof Destination.Extension e && !users.exists(e.extension())) {
            return Optional.of(FieldError.of("destination.no-extension", e.extension()));
        }
        if (d instanceof Destination.Voicemail v && !users.exists(v.box())) {
            return Optional.of(FieldError.of("destination.no-voicemail-box", v.box()));
        }
        if (d instanceof Destination.RingGroup g
                && routing.ringGroup(g.number()).isEmpty()) {
            return Optional.of(FieldError.of("destination.no-ring-group", g.number()));
        }
        return checks.orderedStream()
                .map(c -> c.problem(d))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Parses and checks one destination field; a problem goes into {@code errors} under {@code field}.
     *
     * @param self the object being written (e.g. {@code ivr:main} while menu main is created), which counts as
     *             existing; may be null
     * @return the destination, or null when blank or bad
     */
    public Destination parse(Map<String, FieldError> errors, String field, String text, Destination self) {
        if (text == null || text.isBlank()) return null;
        try {
            Destination d = Destination.parse(text, field);
            Optional<FieldError> p = d.equals(self) ? Optional.empty() : problem(d);
            p.ifPresent(m -> errors.put(field, m));
            return p.isPresent() ? null : d;
        } catch (InvalidInputException e) {
            errors.putAll(e.errors());
            return null;
        }
    }
}
