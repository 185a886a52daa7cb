package org.tandem.appliance.api.ivr;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditionDraft;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.validation.InvalidInputException;

/** Time conditions: {@code /api/v1/time-conditions}, keyed by name (the destination {@code time:<name>}). */
@RestController
@RequestMapping(path = "/api/v1/time-conditions", produces = "application/json")
public class TimeConditionController {

    public record RangeView(String day, String opens, String closes) {}

    public record HolidayView(String from, String to, String name) {}

    /**
     * @param openNow         whether calls go to {@code open} right now (the override, else the schedule)
     * @param scheduleOpenNow what the schedule alone says
     * @param override        the day/night override that holds now; null = the schedule decides
     */
    public record TimeConditionView(
            String name,
            String timeZone,
            List<RangeView> weekly,
            List<HolidayView> holidays,
            String open,
            String closed,
            boolean openNow,
            boolean scheduleOpenNow,
            OverrideView override) {}

    /** @param until ISO instant the override ends (the schedule's next change); null = until switched back */
    public record OverrideView(String state, String until, String setBy, String setAt) {}

    /**
     * {@code state}: OPEN, CLOSED or SCHEDULE (end the override); {@code until}: NEXT_CHANGE (default: the office
     * returns to its hours by itself) or SWITCHED_BACK.
     */
    public record OverrideRequest(String state, String until) {}

    /** What the day/night switch did, and every condition afterwards. */
    public record DayNightView(String result, List<TimeConditionView> conditions) {}

    private final TimeConditions conditions;

    public TimeConditionController(TimeConditions conditions) {
        this.conditions = conditions;
    }

    @GetMapping
    public List<TimeConditionView> list() {
        return conditions.list().stream().map(this::view).toList();
    }

    @GetMapping("/{name}")
    public TimeConditionView get(@PathVariable String name) {
        return view(conditions.find(name).orElseThrow(() -> unknown(name)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<TimeConditionView> create(@RequestBody TimeConditionDraft draft) {
        TimeCondition c = conditions.create(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{name}")
                .buildAndExpand(c.name())
                .toUri();
        return ResponseEntity.created(location).body(view(c));
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    public TimeConditionView update(@PathVariable String name, @RequestBody TimeConditionDraft draft) {
        if (draft.name() != null && !draft.name().strip().equals(name)) {
            throw new InvalidInputException("name", "time.name-fixed");
        }
        return view(conditions.update(name, draft).orElseThrow(() -> unknown(name)));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!conditions.delete(name)) throw unknown(name);
        return ResponseEntity.noContent().build();
    }

    /** Day/night override of one condition (issue 17): ADMIN or RECEPTIONIST. */
    @PutMapping(path = "/{name}/override", consumes = "application/json")
    public TimeConditionView override(
            @PathVariable String name, @RequestBody OverrideRequest request, Principal caller) {
        String state = request.state() == null ? "" : request.state().strip().toUpperCase(Locale.ROOT);
        Boolean forcedOpen = switch (state) {
            case "OPEN" -> Boolean.TRUE;
            case "CLOSED" -> Boolean.FALSE;
            case "SCHEDULE" -> null;
            default -> throw new InvalidInputException("state", "time.override-state");
        };
        String until = request.until() == null
                ? "NEXT_CHANGE"
                : request.until().strip().toUpperCase(Locale.ROOT);
        if (!until.equals("NEXT_CHANGE") && !until.equals("SWITCHED_BACK")) {
            throw new InvalidInputException("until", "time.override-until");
        }
        conditions
                .setOverride(name, forcedOpen, until.equals("NEXT_CHANGE"), "admin " + caller.getName())
                .orElseThrow(() -> unknown(name));
        return get(name);
    }

    /** The office's day/night switch, as the feature code: every condition to night when any is open, else to day. */
    @PostMapping("/day-night")
    public DayNightView dayNight(Principal caller) {
        try {
            String result = conditions.toggle("admin " + caller.getName()).join();
            return new DayNightView(result, list());
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalStateException none) throw new NotFoundException(none.getMessage());
            throw e;
        }
    }

    private TimeConditionView view(TimeCondition c) {
        return new TimeConditionView(
                c.name(),
                c.zone().getId(),
                c.weekly().stream()
                        .map(r -> new RangeView(
                                r.day().name(),
                                TimeCondition.WeeklyRange.text(r.opens()),
                                TimeCondition.WeeklyRange.text(r.closes())))
                        .toList(),
                c.holidays().stream()
                        .map(h -> new HolidayView(h.first().toString(), h.last().toString(), h.name()))
                        .toList(),
                c.open().toString(),
                c.closed().toString(),
                conditions.openNow(c.name()).orElse(false),
                conditions.scheduleOpenNow(c.name()).orElse(false),
                conditions
                        .override(c.name())
                        .map(o -> new OverrideView(
                                o.forcedOpen() ? "OPEN" : "CLOSED",
                                o.until() == null ? null : o.until().toString(),
                                o.setBy(),
                                o.setAt().toString()))
                        .orElse(null));
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException(
                "No time condition is called " + name + "; GET /api/v1/time-conditions lists them");
    }
}
