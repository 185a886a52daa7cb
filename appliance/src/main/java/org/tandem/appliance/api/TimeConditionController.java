package org.tandem.appliance.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
import org.tandem.pbx.directory.InvalidInputException;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditionDraft;
import org.tandem.pbx.timecondition.TimeConditions;

/** Time conditions: {@code /api/v1/time-conditions}, keyed by name (the destination {@code time:<name>}). */
@RestController
@RequestMapping(path = "/api/v1/time-conditions", produces = "application/json")
public class TimeConditionController {

    public record RangeView(String day, String opens, String closes) {
    }

    public record HolidayView(String from, String to, String name) {
    }

    /** @param openNow whether calls go to {@code open} right now */
    public record TimeConditionView(String name, String timeZone, List<RangeView> weekly, List<HolidayView> holidays,
                                    String open, String closed, boolean openNow) {
    }

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
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{name}").buildAndExpand(c.name()).toUri();
        return ResponseEntity.created(location).body(view(c));
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    public TimeConditionView update(@PathVariable String name, @RequestBody TimeConditionDraft draft) {
        if (draft.name() != null && !draft.name().strip().equals(name)) {
            throw new InvalidInputException(Map.of("name", "cannot be changed; create a new time condition and delete this one"));
        }
        return view(conditions.update(name, draft).orElseThrow(() -> unknown(name)));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!conditions.delete(name)) throw unknown(name);
        return ResponseEntity.noContent().build();
    }

    private TimeConditionView view(TimeCondition c) {
        return new TimeConditionView(c.name(), c.zone().getId(),
                c.weekly().stream().map(r -> new RangeView(r.day().name(), TimeCondition.WeeklyRange.text(r.opens()),
                        TimeCondition.WeeklyRange.text(r.closes()))).toList(),
                c.holidays().stream().map(h -> new HolidayView(h.first().toString(), h.last().toString(), h.name())).toList(),
                c.open().toString(), c.closed().toString(), conditions.openNow(c.name()).orElse(false));
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("No time condition is called " + name + "; GET /api/v1/time-conditions lists them");
    }
}
