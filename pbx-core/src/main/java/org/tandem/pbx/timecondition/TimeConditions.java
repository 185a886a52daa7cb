package org.tandem.pbx.timecondition;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.DuplicateException;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.TimeConditionSwitch;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.timecondition.internal.TimeConditionRepository;
import org.tandem.pbx.timecondition.internal.TimeConditionRules;

/**
 * The time conditions: held in memory for the call path (the dial plan resolves {@code time:<name>} on the
 * call's stripe, so it must not wait on the database), written through to the database first. The clock is
 * the bean {@code timeConditionClock} when there is one (tests move it), else the system clock.
 */
@Service
public class TimeConditions implements TimeConditionSwitch, DestinationCheck, DestinationUse {

    private final TimeConditionRepository repository;
    private final KnownDestinations known;
    private final ApplianceSetup setup;
    private final Clock clock;
    private final Map<String, TimeCondition> conditions = new ConcurrentHashMap<>();

    public TimeConditions(TimeConditionRepository repository, KnownDestinations known, ApplianceSetup setup,
                          @Qualifier("timeConditionClock") ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.known = known;
        this.setup = setup;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        repository.all().forEach(c -> conditions.put(c.name(), c));
    }

    public List<TimeCondition> list() {
        return conditions.values().stream().sorted(Comparator.comparing(TimeCondition::name)).toList();
    }

    public Optional<TimeCondition> find(String name) {
        return Optional.ofNullable(name == null ? null : conditions.get(name));
    }

    /** Whether the condition is open now; empty when there is no such condition. */
    public Optional<Boolean> openNow(String name) {
        return find(name).map(c -> c.isOpen(clock.instant()));
    }

    /** @throws org.tandem.pbx.directory.InvalidInputException naming each bad field; DuplicateException when the name exists */
    @Transactional
    public TimeCondition create(TimeConditionDraft draft) {
        String name = draft.name() == null ? null : draft.name().strip();
        TimeCondition c = TimeConditionRules.condition(name, draft, setup.current().timeZone(), known);
        if (conditions.containsKey(c.name())) throw new DuplicateException("Time condition " + c.name() + " already exists");
        repository.insert(c);
        conditions.put(c.name(), c);
        return c;
    }

    @Transactional
    public Optional<TimeCondition> update(String name, TimeConditionDraft draft) {
        if (!conditions.containsKey(name)) return Optional.empty();
        TimeCondition c = TimeConditionRules.condition(name, draft, setup.current().timeZone(), known);
        if (repository.update(c) == 0) return Optional.empty();
        conditions.put(name, c);
        return Optional.of(c);
    }

    /** What sends calls to condition {@code name} (routes, menus, other conditions, forwarding). */
    public List<String> usesOfCondition(String name) {
        return known.usesOf(new Destination.TimeCondition(name));
    }

    /** @throws org.tandem.pbx.directory.InUseException when a route, a menu or another condition sends calls here */
    @Transactional
    public boolean delete(String name) {
        if (!conditions.containsKey(name)) return false;
        known.refuseIfUsed(new Destination.TimeCondition(name), "Time condition " + name);
        if (repository.delete(name) == 0) return false;
        conditions.remove(name);
        return true;
    }

    /** The conditions that send calls to {@code d} when open or closed, not counting {@code d} itself. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new java.util.ArrayList<>();
        for (TimeCondition c : list()) {
            if (d.equals(new Destination.TimeCondition(c.name()))) continue;
            if (d.equals(c.open())) out.add("time condition " + c.name() + " (open)");
            if (d.equals(c.closed())) out.add("time condition " + c.name() + " (closed)");
        }
        return out;
    }

    @Override
    public Optional<Destination> destinationNow(String condition) {
        return find(condition).map(c -> c.destinationAt(clock.instant()));
    }

    @Override
    public Optional<String> problem(Destination d) {
        if (d instanceof Destination.TimeCondition t && !conditions.containsKey(t.name())) {
            return Optional.of("there is no time condition " + t.name());
        }
        return Optional.empty();
    }
}
