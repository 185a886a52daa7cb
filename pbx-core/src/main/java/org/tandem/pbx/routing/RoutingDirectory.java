package org.tandem.pbx.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.routing.internal.RoutingRepository;
import org.tandem.pbx.routing.internal.RoutingRules;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Everything the dial plan is configured with: users' call settings, ring groups, feature codes.
 * Held in memory for the call path (never waits on the database) and written through to it;
 * changes take effect on the next call, without restart.
 */
public class RoutingDirectory implements NumberClaims, DestinationUse {

    private final RoutingRepository repository;
    private final UserDirectory users;
    private final Executor writer;
    private final ApplicationEventPublisher events;
    /** The changes' transactions: the reads on the SIP path are plain calls, with no transaction proxy around them. */
    private final TransactionTemplate tx;

    private final Map<String, CallSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, RingGroup> groups = new ConcurrentHashMap<>();
    private volatile Map<Feature, String> codes;
    private volatile List<NumberClaims> otherClaims = List.of();
    private volatile KnownDestinations known;

    /** @param writer where changes made from a call (feature codes) are written, off the SIP threads */
    public RoutingDirectory(
            RoutingRepository repository,
            UserDirectory users,
            Executor writer,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.repository = repository;
        this.users = users;
        this.writer = writer;
        repository.allCallSettings().forEach(s -> settings.put(s.extension(), s));
        repository.allRingGroups().forEach(g -> groups.put(g.number(), g));
        codes = Collections.unmodifiableMap(repository.featureCodes());
    }

    /** The user's settings (defaults when they never changed any); empty for an unknown extension. */
    public Optional<CallSettings> callSettings(String extension) {
        if (!users.exists(extension)) return Optional.empty();
        return Optional.of(settings.getOrDefault(extension, CallSettings.defaults(extension)));
    }

    /** Replaces a user's settings (REST API, web UI). Runs on the caller's thread. */
    public Optional<CallSettings> updateCallSettings(String extension, CallSettingsDraft draft) {
        return tx.execute(status -> {
            if (!users.exists(extension)) return Optional.empty();
            CallSettings s = RoutingRules.callSettings(extension, draft);
            Map<String, FieldError> errors = new LinkedHashMap<>();
            checkExists(errors, "forwardAlways", s.forwardAlways());
            checkExists(errors, "forwardBusy", s.forwardBusy());
            checkExists(errors, "forwardNoAnswer", s.forwardNoAnswer());
            if (!errors.isEmpty()) throw InvalidInputException.of(errors);
            repository.saveCallSettings(s);
            settings.put(extension, s);
            events.publishEvent(new CallSettingsChanged(s));
            return Optional.of(s);
        });
    }

    /**
     * Replaces a user's settings from a call (a feature code): written on the writer thread, in
     * memory once it is committed. The future completes then (or fails), never on a SIP thread.
     */
    public CompletableFuture<CallSettings> updateFromCall(CallSettings s) {
        return CompletableFuture.supplyAsync(
                () -> {
                    repository.saveCallSettings(s);
                    settings.put(s.extension(), s);
                    events.publishEvent(new CallSettingsChanged(s));
                    return s;
                },
                writer);
    }

    public List<RingGroup> ringGroups() {
        return groups.values().stream()
                .sorted(Comparator.comparing(RingGroup::number))
                .toList();
    }

    public Optional<RingGroup> ringGroup(String number) {
        return Optional.ofNullable(number == null ? null : groups.get(number));
    }

    public RingGroup createRingGroup(RingGroupDraft draft) {
        return tx.execute(status -> {
            RingGroup g = checkFallback(RoutingRules.ringGroup(draft.number(), draft));
            if (groups.containsKey(g.number())) throw new DuplicateException("duplicate.ring-group", g.number());
            if (users.exists(g.number()))
                throw new DuplicateException("duplicate.number-is-extension-ring-group", g.number());
            otherClaims.stream()
                    .map(c -> c.claimedBy(g.number()))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(owner -> {
                        throw new DuplicateException("duplicate.number-used", g.number(), owner);
                    });
            repository.insertRingGroup(g);
            groups.put(g.number(), g);
            return g;
        });
    }

    public Optional<RingGroup> updateRingGroup(String number, RingGroupDraft draft) {
        return tx.execute(status -> {
            if (!groups.containsKey(number)) return Optional.empty();
            RingGroup g = checkFallback(RoutingRules.ringGroup(number, draft));
            if (repository.updateRingGroup(g) == 0) return Optional.empty();
            groups.put(number, g);
            return Optional.of(g);
        });
    }

    /** What sends calls to ring group {@code number} (routes, menus, time conditions, forwarding, other groups). */
    public List<String> usesOfRingGroup(String number) {
        return known == null ? List.of() : known.usesOf(new Destination.RingGroup(number));
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, a menu, another group or a forwarding sends calls here */
    public boolean deleteRingGroup(String number) {
        return tx.execute(status -> {
            if (!groups.containsKey(number)) return false;
            if (known != null) known.refuseIfUsed(new Destination.RingGroup(number), "Ring group " + number);
            if (repository.deleteRingGroup(number) == 0) return false;
            groups.remove(number);
            return true;
        });
    }

    /** Every feature with its code. */
    public Map<Feature, String> featureCodes() {
        return codes;
    }

    /** Changes some codes (the others keep theirs); the whole set is checked first. */
    public Map<Feature, String> updateFeatureCodes(Map<Feature, String> changes) {
        return tx.execute(status -> {
            Map<Feature, String> next = new EnumMap<>(codes);
            changes.forEach((f, c) -> next.put(f, c == null ? null : c.strip()));
            RoutingRules.featureCodes(next);
            repository.saveFeatureCodes(next);
            codes = Collections.unmodifiableMap(next);
            return codes;
        });
    }

    /** The other owners of dial-plan numbers (conference rooms, park orbits), so a ring group takes none of theirs. */
    public void claimsOfOthers(List<NumberClaims> claims) {
        otherClaims = claims.stream().filter(c -> c != this).toList();
    }

    /**
     * The one check of destinations (users, ring groups and what other features own), so forwarding and ring groups
     * name only existing ones, as IVR menus and inbound routes do; and the uses asked before a group is deleted.
     */
    public void knownDestinations(KnownDestinations known) {
        this.known = known;
    }

    private RingGroup checkFallback(RingGroup g) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (int i = 0; i < g.members().size(); i++) {
            checkExists(
                    errors, "members[" + i + "].destination", g.members().get(i).destination());
        }
        if (!new Destination.RingGroup(g.number()).equals(g.fallback())) checkExists(errors, "fallback", g.fallback());
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return g;
    }

    private void checkExists(Map<String, FieldError> errors, String field, Destination d) {
        if (d == null || known == null) return;
        known.problem(d).ifPresent(problem -> errors.put(field, problem));
    }

    /**
     * The ring groups (members, fallback) and users' forwarding that send calls to {@code d}: "ring group 600 Sales
     * (member)", "forwarding of 101 (when busy)". A group's or a user's reference to itself does not count.
     */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new ArrayList<>();
        for (RingGroup g : ringGroups()) {
            if (d.equals(new Destination.RingGroup(g.number()))) continue;
            String group = "ring group " + g.number() + " " + g.name();
            if (g.members().stream().anyMatch(m -> d.equals(m.destination()))) out.add(group + " (member)");
            if (d.equals(g.fallback())) out.add(group + " (when nobody answers)");
        }
        for (CallSettings s : settings.values().stream()
                .sorted(Comparator.comparing(CallSettings::extension))
                .toList()) {
            if (d.equals(new Destination.Extension(s.extension()))
                    || d.equals(new Destination.Voicemail(s.extension()))) {
                continue;
            }
            String who = "forwarding of " + s.extension();
            if (d.equals(s.forwardAlways())) out.add(who + " (always)");
            if (d.equals(s.forwardBusy())) out.add(who + " (when busy)");
            if (d.equals(s.forwardNoAnswer())) out.add(who + " (when not answered)");
        }
        return out;
    }

    @Override
    public Optional<FieldError> claimedBy(String number) {
        RingGroup g = groups.get(number);
        return g == null ? Optional.empty() : Optional.of(FieldError.of("claim.ring-group", g.name()));
    }

    /** A deleted user's settings go with them (the database row is removed by its foreign key). */
    @EventListener
    void on(UserChanged changed) {
        if (changed.deleted()) settings.remove(changed.extension());
    }
}
