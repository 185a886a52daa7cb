package org.tandem.appliance.api.phones;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;

/**
 * Where phones are registered right now: {@code GET /api/v1/registrations[?extension=101]}. Read from
 * the location service's memory, so it is as current as the registrar itself.
 */
@RestController
@RequestMapping(path = "/api/v1/registrations", produces = "application/json")
public class RegistrationController {

    private final LocationService locations;
    private final SipDomain domain;
    private final Clock clock;

    public RegistrationController(
            LocationService locations,
            SipDomain domain,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        this.locations = locations;
        this.domain = domain;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping
    public List<RegistrationView> list(@RequestParam(required = false) String extension) {
        Instant now = clock.instant();
        List<Binding> bindings =
                extension == null || extension.isBlank() ? locations.all() : locations.lookup(extension);
        return bindings.stream()
                .filter(b -> !b.isExpired(now))
                .sorted(Comparator.comparing(Binding::extension).thenComparing(Binding::contactUri))
                .map(b -> RegistrationView.of(b, domain.current(), now))
                .toList();
    }
}
