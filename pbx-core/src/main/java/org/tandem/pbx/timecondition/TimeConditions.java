package org.tandem.pbx.timecondition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.routing.DayNightSwitch;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.TimeConditionSwitch;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.timecondition.internal.TimeConditionOverrides;
import org.tandem.pbx.timecondition.internal.TimeConditionRepository;
import org.tandem.pbx.timecondition.internal.TimeConditionRules;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;

/**
 * The time conditions: held in memory for the call path (the dial plan resolves {@code time:<name>} on the
 * call's stripe, so it must not wait on the database), written through to the database first. The clock is
 * the bean {@code timeConditionClock} when there is one (tests move it), else the system clock.
 * <p>
 * A day/night override ({@link TimeConditionOverride}) wins over the schedule while it holds; the dashboard, the
 * API and the feature code ({@link DayNightSwitch}) set it.
 */
@Service
public class TimeConditions implements TimeConditionSwitch, DestinationCheck, DestinationUse, DayNightSwitch {

    /** How far ahead the schedule's next change is looked for (a week and a day covers every weekly schedule). */
    private static final int NEXT_CHANGE_HORIZON_DAYS = 8;

    private final TimeConditionRepository repository;
    private final TimeConditionOverrides overrideRows;
    private final KnownDestinations known;
    private final ApplianceSetup setup;
    private final Clock clock;
    private final ExecutorService writer;
    private final Map<String, TimeCondition> conditions = new ConcurrentHashMap<>();
    private final Map<String, TimeConditionOverride> overrides = new ConcurrentHashMap<>();

    /** @param writer where changes made from a call (the day/night code) are written, off the SIP threads */
    public TimeConditions(
            TimeConditionRepository repository,
            TimeConditionOverrides overrideRows,
            KnownDestinations known,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ApplianceSetup setup,
            @Qualifier("timeConditionClock") ObjectProvider<Clock> clock,
            @Qualifier("routingWriter") ExecutorService writer) {
        this.repository = repository;
        this.overrideRows = overrideRows;
        this.known = known;
        this.setup = setup;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.writer = writer;
        repository.all().forEach(c -> conditions.put(c.name(), c));
        overrideRows.all().forEach(o -> overrides.put(o.condition(), o));
    }

    public List<TimeCondition> list() {
        return conditions.values().stream()
                .sorted(Comparator.comparing(TimeCondition::name))
                .toList();
    }

    public Optional<TimeCondition> find(String name) {
        return Optional.ofNullable(name == null ? null : conditions.get(name));
    }

    /** Whether calls go to the condition's open destination now (its override, else its schedule); empty when there is no such condition. */
    public Optional<Boolean> openNow(String name) {
        Instant now = clock.instant();
        return find(name)
                .map(c -> override(name).map(TimeConditionOverride::forcedOpen).orElse(c.isOpen(now)));
    }

    /** Whether the schedule alone says open now (what happens when the override ends). */
    public Optional<Boolean> scheduleOpenNow(String name) {
        return find(name).map(c -> c.isOpen(clock.instant()));
    }

    /** The override that holds now, if any. */
    public Optional<TimeConditionOverride> override(String name) {
        TimeConditionOverride o = name == null ? null : overrides.get(name);
        return o != null && o.holdsAt(clock.instant()) ? Optional.of(o) : Optional.empty();
    }

    /**
     * Forces the condition open or closed, or ({@code forcedOpen} null) hands it back to its schedule.
     *
     * @param untilNextChange true: until the schedule next changes (the office returns to its hours by itself);
     *                        false: until someone switches it back
     * @return empty when there is no such condition
     */
    @Transactional
    public Optional<Optional<TimeConditionOverride>> setOverride(
            String name, Boolean forcedOpen, boolean untilNextChange, String by) {
        TimeCondition c = conditions.get(name == null ? "" : name);
        if (c == null) return Optional.empty();
        if (forcedOpen == null) {
            overrideRows.delete(c.name());
            overrides.remove(c.name());
            return Optional.of(Optional.empty());
        }
        Instant now = clock.instant();
        Instant until =
                untilNextChange ? c.nextChange(now, NEXT_CHANGE_HORIZON_DAYS).orElse(null) : null;
        TimeConditionOverride o = new TimeConditionOverride(c.name(), forcedOpen, until, by, now);
        overrideRows.save(o);
        overrides.put(c.name(), o);
        return Optional.of(Optional.of(o));
    }

    @Override
    public CompletableFuture<String> toggle(String by) {
        return CompletableFuture.supplyAsync(() -> dayOrNight(by), writer);
    }

    /** Every condition to night when any is open now, else to day; where the schedule already says so, back to it. */
    private String dayOrNight(String by) {
        List<TimeCondition> all = list();
        if (all.isEmpty()) throw new IllegalStateException("There are no time conditions to switch");
        boolean toOpen = all.stream().noneMatch(c -> openNow(c.name()).orElse(false));
        for (TimeCondition c : all) {
            boolean scheduled = scheduleOpenNow(c.name()).orElse(false);
            setOverride(c.name(), scheduled == toOpen ? null : toOpen, true, by);
        }
        return toOpen
                ? "Day service: calls go to the open destinations until the schedules next change"
                : "Night service: calls go to the closed destinations until the schedules next change";
    }

    /** @throws org.tandem.pbx.validation.InvalidInputException naming each bad field; DuplicateException when the name exists */
    @Transactional
    public TimeCondition create(TimeConditionDraft draft) {
        String name = draft.name() == null ? null : draft.name().strip();
        TimeCondition c =
                TimeConditionRules.condition(name, draft, setup.current().timeZone(), known);
        if (conditions.containsKey(c.name())) throw new DuplicateException("duplicate.time-condition", c.name());
        repository.insert(c);
        conditions.put(c.name(), c);
        return c;
    }

    @Transactional
    public Optional<TimeCondition> update(String name, TimeConditionDraft draft) {
        if (!conditions.containsKey(name)) return Optional.empty();
        TimeCondition c =
                TimeConditionRules.condition(name, draft, setup.current().timeZone(), known);
        if (repository.update(c) == 0) return Optional.empty();
        conditions.put(name, c);
        return Optional.of(c);
    }

    /** What sends calls to condition {@code name} (routes, menus, other conditions, forwarding). */
    public List<String> usesOfCondition(String name) {
        return known.usesOf(new Destination.TimeCondition(name));
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, a menu or another condition sends calls here */
    @Transactional
    public boolean delete(String name) {
        if (!conditions.containsKey(name)) return false;
        known.refuseIfUsed(new Destination.TimeCondition(name), "Time condition " + name);
        if (repository.delete(name) == 0) return false;
        conditions.remove(name);
        overrides.remove(name); // its row went with the condition (ON DELETE CASCADE)
        return true;
    }

    /** The conditions that send calls to {@code d} when open or closed, not counting {@code d} itself. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new ArrayList<>();
        for (TimeCondition c : list()) {
            if (d.equals(new Destination.TimeCondition(c.name()))) continue;
            if (d.equals(c.open())) out.add("time condition " + c.name() + " (open)");
            if (d.equals(c.closed())) out.add("time condition " + c.name() + " (closed)");
        }
        return out;
    }

    @Override
    public Optional<Destination> destinationNow(String condition) {
        return find(condition).map(c -> openNow(c.name()).orElse(false) ? c.open() : c.closed());
    }

    @Override
    public Optional<FieldError> problem(Destination d) {
        if (d instanceof Destination.TimeCondition t && !conditions.containsKey(t.name())) {
            return Optional.of(FieldError.of("destination.no-time-condition", t.name()));
        }
        return Optional.empty();
    }
}
