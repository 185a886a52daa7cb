package org.tandem.provisioning.firstcontact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.firstcontact.internal.FirstContactRepository;

/**
 * First contact of a phone: who may be handed a phone's private URL (and with it, its SIP secrets) before it
 * has proven itself by that URL or by its provisioning password (issue 22 finding 2: not the first asker).
 *
 * <p>A request that proves nothing is recorded as <em>waiting</em> and gets no file of the phone. An admin
 * accepts it on the Phones page or with {@code POST /api/v1/devices/<mac>/accept}: the acceptance holds for
 * the address the admin saw, for {@code tandem.provisioning.accept-window}, until the phone uses the fresh private
 * URL it is handed (which proves it got it). An admin may also accept before the phone is plugged in ("expect it now"): then the first request
 * for that MAC from any address within the window is admitted. This is 3CX's "assign the new phone" step and
 * wazo-provd's manual association, bound to an address and a deadline so a stale acceptance admits nobody.
 */
@Service
public class FirstContacts {

    /** How often a request waiting from the same address updates its "last asked" time. */
    static final Duration NOTED_AGAIN_AFTER = Duration.ofSeconds(10);

    private final FirstContactRepository repository;
    private final DeviceDirectory devices;
    private final Duration window;
    private final Clock clock;

    public FirstContacts(
            FirstContactRepository repository,
            DeviceDirectory devices,
            ProvisioningProperties props,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.devices = devices;
        this.window = props.acceptWindow();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public Optional<FirstContact> find(String mac) {
        return repository.find(mac);
    }

    /** Every phone that asked without proving itself and is not accepted now, for the Phones page and the API. */
    public List<FirstContact> waiting() {
        Instant now = clock.instant();
        return repository.findAll().stream()
                .filter(c -> c.waiting() && !c.acceptedAt(now))
                .toList();
    }

    /** Every stored first contact (waiting or accepted), by MAC. */
    public Map<String, FirstContact> all() {
        return repository.findAll().stream().collect(Collectors.toMap(FirstContact::mac, c -> c));
    }

    /**
     * Admits the request when an admin accepted this phone for its address and the acceptance still holds. It
     * keeps holding until the phone proves itself with the URL it was handed ({@link #proven}) or the window
     * ends: a phone's boot may ask twice before it uses its own URL (Polycom's updater, then its application,
     * each fetch the master file). Otherwise notes the request as waiting and returns false.
     */
    public synchronized boolean admit(String mac, String source, String userAgent) {
        Instant now = clock.instant();
        Optional<FirstContact> stored = repository.find(mac);
        if (stored.isPresent() && stored.get().admits(source, now)) return true;
        FirstContact c = stored.orElse(new FirstContact(mac, null, null, null, null, null, null));
        boolean sameSource = source.equals(c.waitingSource());
        // a phone retrying (or a flood of requests) from the same address: one write per NOTED_AGAIN_AFTER
        if (sameSource
                && c.waitingLast() != null
                && now.isBefore(c.waitingLast().plus(NOTED_AGAIN_AFTER))) return false;
        repository.save(new FirstContact(
                mac,
                source,
                userAgent,
                sameSource && c.waitingSince() != null ? c.waitingSince() : now,
                now,
                c.acceptedSource(),
                c.acceptedUntil()));
        return false;
    }

    /**
     * An admin accepts the phone: the waiting request's address, if one is waiting, else the next request from
     * anywhere, for the accept window.
     *
     * @param expectedSource the address the admin saw waiting (null: whatever is waiting, or nothing); when the
     *                       waiting request has come from elsewhere since, nothing is accepted
     * @return the acceptance
     * @throws InvalidInputException when the waiting request is no longer from {@code expectedSource}
     */
    public synchronized FirstContact accept(String mac, String expectedSource) {
        Instant now = clock.instant();
        Optional<FirstContact> stored = repository.find(mac);
        String waitingSource = stored.map(FirstContact::waitingSource).orElse(null);
        if (expectedSource != null && !expectedSource.equals(waitingSource)) {
            throw new InvalidInputException(
                    "source",
                    "phone.waiting-elsewhere",
                    mac,
                    waitingSource == null ? FieldError.of("phone.waiting-nowhere") : waitingSource,
                    expectedSource);
        }
        // a fresh private URL: whatever was handed out before (to a phone since reset, or to a stranger) stops working
        devices.reprovision(mac);
        FirstContact accepted = new FirstContact(
                mac,
                waitingSource,
                stored.map(FirstContact::waitingUserAgent).orElse(null),
                stored.map(FirstContact::waitingSince).orElse(null),
                stored.map(FirstContact::waitingLast).orElse(null),
                waitingSource,
                now.plus(window));
        repository.save(accepted);
        return accepted;
    }

    /**
     * The phone proved itself (its private URL or password) from {@code source}: an acceptance is used up, and
     * what waited from the same address was this phone. What waits from elsewhere stays for the admin to see.
     */
    public synchronized void proven(String mac, String source) {
        Optional<FirstContact> stored = repository.find(mac);
        if (stored.isEmpty()) return;
        FirstContact c = stored.get();
        if (c.acceptedUntil() != null || source.equals(c.waitingSource())) repository.delete(mac);
    }

    /** An admin refuses what is waiting (a stranger): the record and any acceptance are dropped. */
    public boolean dismiss(String mac) {
        return repository.delete(mac);
    }

    public Duration window() {
        return window;
    }
}
