package org.tandem.pbx.park;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.park.internal.ParkLot;
import org.tandem.pbx.park.internal.ParkRepository;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The call park settings and the calls parked now (the call flow: {@code internal.ParkService}). Orbits claim
 * their numbers in the dial plan and are dialled like extensions; the park code is the feature code
 * {@link Feature#PARK}.
 */
@Service
public class CallPark implements NumberClaims, NumberedDestinations, DestinationCheck {

    static final Pattern ORBIT = Pattern.compile("[0-9]{2,12}");
    static final int MAX_ORBITS = 100;

    private final ParkRepository repository;
    private final RoutingDirectory routing;
    private final UserDirectory users;
    /** The other owners of numbers; they include this bean (a cycle), hence looked up when a number is checked. */
    private final ObjectProvider<NumberClaims> claims;

    private volatile ParkSettings settings;
    private final ParkLot lot;

    public CallPark(
            ParkRepository repository,
            RoutingDirectory routing,
            UserDirectory users,
            ObjectProvider<NumberClaims> claims,
            ParkLot lot) {
        this.lot = lot;
        this.repository = repository;
        this.routing = routing;
        this.users = users;
        this.claims = claims;
        this.settings =
                repository.load().orElse(new ParkSettings(null, null, ParkSettings.DEFAULT_TIMEOUT, true, null));
    }

    /** The settings with the current park feature code. */
    public ParkSettings settings() {
        ParkSettings s = settings;
        return new ParkSettings(
                s.firstOrbit(),
                s.lastOrbit(),
                s.timeoutSeconds(),
                s.returnToParker(),
                routing.featureCodes().get(Feature.PARK));
    }

    /**
     * Replaces the settings.
     *
     * @throws InvalidInputException naming each bad field
     * @throws DuplicateException    when an orbit is already an extension, ring group, conference room...
     */
    @Transactional
    public ParkSettings update(ParkSettingsDraft d) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        String first = blankToNull(d.firstOrbit());
        String last = blankToNull(d.lastOrbit());
        if (first == null ^ last == null) {
            errors.put(first == null ? "firstOrbit" : "lastOrbit", FieldError.of("park.both-ends"));
        } else if (first != null) {
            if (!ORBIT.matcher(first).matches()) errors.put("firstOrbit", FieldError.of("common.digits-2-to-12"));
            if (!ORBIT.matcher(last).matches()) errors.put("lastOrbit", FieldError.of("common.digits-2-to-12"));
            if (errors.isEmpty()) {
                long a = Long.parseLong(first);
                long b = Long.parseLong(last);
                if (first.length() != last.length()) {
                    errors.put("lastOrbit", FieldError.of("park.same-length"));
                } else if (b < a) {
                    errors.put("lastOrbit", FieldError.of("park.below-first"));
                } else if (b - a + 1 > MAX_ORBITS) {
                    errors.put("lastOrbit", FieldError.of("park.max-orbits", MAX_ORBITS));
                }
            }
        }
        int timeout = d.timeoutSeconds() == null ? ParkSettings.DEFAULT_TIMEOUT : d.timeoutSeconds();
        if (timeout < 10 || timeout > 3600) errors.put("timeoutSeconds", FieldError.of("park.timeout"));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        ParkSettings next =
                new ParkSettings(first, last, timeout, d.returnToParker() == null || d.returnToParker(), null);
        if (next.enabled()) checkFree(next);
        if (d.featureCode() != null) {
            try {
                routing.updateFeatureCodes(Map.of(Feature.PARK, d.featureCode()));
            } catch (InvalidInputException e) {
                // the park code's own message ("is the same code as own voicemail"), not the other feature's
                FieldError error = e.errors()
                        .getOrDefault(
                                Feature.PARK.name(),
                                e.errors().values().iterator().next());
                throw InvalidInputException.of(Map.of("featureCode", error));
            }
        }
        repository.save(next);
        settings = next;
        return settings();
    }

    /** The calls waiting in the orbits now. */
    public List<ParkedCallView> parked() {
        return lot.parked();
    }

    /** Dialling an orbit reaches it like an extension. */
    @Override
    public Optional<Destination> destinationOf(String number) {
        return settings.isOrbit(number) ? Optional.of(new Destination.ParkOrbit(number)) : Optional.empty();
    }

    @Override
    public Optional<FieldError> problem(Destination destination) {
        if (destination instanceof Destination.ParkOrbit o && !settings.isOrbit(o.orbit())) {
            return Optional.of(FieldError.of("destination.no-park-orbit", o.orbit()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<FieldError> claimedBy(String number) {
        return settings.isOrbit(number) ? Optional.of(FieldError.of("claim.park-orbit", number)) : Optional.empty();
    }

    private void checkFree(ParkSettings next) {
        for (User u : users.list()) {
            if (next.isOrbit(u.extension())) {
                throw new DuplicateException("duplicate.orbit-is-extension", u.extension());
            }
        }
        long a = Long.parseLong(next.firstOrbit());
        long b = Long.parseLong(next.lastOrbit());
        for (long n = a; n <= b; n++) {
            String number = String.format("%0" + next.firstOrbit().length() + "d", n);
            claims.orderedStream()
                    .filter(c -> c != this)
                    .map(c -> c.claimedBy(number))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(owner -> {
                        throw new DuplicateException("duplicate.orbit-used", number, owner);
                    });
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
