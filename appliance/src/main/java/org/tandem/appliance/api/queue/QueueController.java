package org.tandem.appliance.api.queue;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueueDraft;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.pbx.queue.QueueFiguresCsv;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Call queues (issue 18): {@code /api/v1/queues}, keyed by number; PUT changes the fields it gives and keeps the others
 * ({@code "fallback":""} removes the fallback). {@code GET /api/v1/queues/{number}/stats[?date=YYYY-MM-DD]}: the day's
 * figures (today by default) and, for today, who waits and the agents' states now; {@code /stats.csv?from=&to=} (or
 * {@code /stats?format=csv}) the daily figures as CSV. The agents: {@link QueueAgentController}.
 */
@RestController
@RequestMapping(path = "/api/v1/queues", produces = "application/json")
public class QueueController {

    public record QueueView(
            String number,
            String name,
            String strategy,
            List<String> members,
            int agentRingSeconds,
            int wrapUpSeconds,
            int maxWaitSeconds,
            int maxCallers,
            String fallback,
            boolean joinEmpty,
            boolean leaveWhenEmpty,
            int announceSeconds,
            int serviceLevelSeconds,
            String leaveKey,
            String leaveDestination,
            String language) {
        static QueueView of(CallQueue q) {
            return new QueueView(
                    q.number(),
                    q.name(),
                    q.strategy().name(),
                    q.members(),
                    q.agentRingSeconds(),
                    q.wrapUpSeconds(),
                    q.maxWaitSeconds(),
                    q.maxCallers(),
                    q.fallback() == null ? null : q.fallback().toString(),
                    q.joinEmpty(),
                    q.leaveWhenEmpty(),
                    q.announceSeconds(),
                    q.serviceLevelSeconds(),
                    q.leaveKey(),
                    q.leaveDestination() == null ? null : q.leaveDestination().toString(),
                    q.language());
        }
    }

    /**
     * A queue's figures for {@code date}; {@code waiting}, {@code longestWaitSeconds} and {@code agents} are now (for
     * a past day too: they are the live state, not the day's).
     */
    public record StatsView(
            String number,
            LocalDate date,
            long offered,
            long answered,
            long abandoned,
            long leftByKey,
            long sentOn,
            double averageWaitSeconds,
            double serviceLevelPercent,
            int serviceLevelSeconds,
            List<QueueFigures.AgentFigures> agentFigures,
            List<QueueStatus.WaitingCaller> waiting,
            long longestWaitSeconds,
            List<QueueStatus.Agent> agents) {}

    static final int MAX_CSV_DAYS = 92;

    private final CallQueues queues;
    private final QueueCalls calls;

    public QueueController(CallQueues queues, QueueCalls calls) {
        this.queues = queues;
        this.calls = calls;
    }

    @GetMapping
    public List<QueueView> list() {
        return queues.list().stream().map(QueueView::of).toList();
    }

    @GetMapping("/{number}")
    public QueueView get(@PathVariable String number) {
        return QueueView.of(queues.find(number).orElseThrow(() -> unknown(number)));
    }

    @GetMapping("/{number}/stats")
    public StatsView stats(@PathVariable String number, @RequestParam(required = false) String date) {
        QueueStatus now = calls.status(number).orElseThrow(() -> unknown(number));
        LocalDate day = day("date", date, today());
        QueueFigures f = calls.figures(number, day);
        return new StatsView(
                number,
                day,
                f.offered(),
                f.answered(),
                f.abandoned(),
                f.leftByKey(),
                f.sentOn(),
                f.averageWaitSeconds(),
                f.serviceLevelPercent(),
                f.serviceLevelSeconds(),
                f.agents(),
                now.waiting(),
                now.longestWaitSeconds(Instant.now()),
                now.agents());
    }

    /**
     * The daily figures from {@code from} to {@code to} (days, both included; today by default, at most
     * {@value #MAX_CSV_DAYS} days) as CSV: per day a row for the queue and one per agent ({@link QueueFiguresCsv}).
     * Also {@code GET /stats?format=csv}.
     */
    // text/csv for the figures; JSON too, for a 400 or 404 (ApiError)
    @GetMapping(
            path = "/{number}/stats.csv",
            produces = {"text/csv", "application/json"})
    public ResponseEntity<String> statsCsv(
            @PathVariable String number,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        if (queues.find(number).isEmpty()) throw unknown(number);
        LocalDate first = day("from", from, today());
        LocalDate last = day("to", to, from == null || from.isBlank() ? today() : first);
        if (last.isBefore(first)) throw new InvalidInputException("to", "queue.stats-to-before-from", first);
        if (ChronoUnit.DAYS.between(first, last) >= MAX_CSV_DAYS) {
            throw new InvalidInputException("to", "queue.stats-days", MAX_CSV_DAYS, first);
        }
        List<QueueFigures> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) days.add(calls.figures(number, d));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8;header=present"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("queue-" + number + "-" + first + "-" + last + ".csv")
                                .build()
                                .toString())
                .body(QueueFiguresCsv.of(days));
    }

    @GetMapping(
            path = "/{number}/stats",
            params = "format=csv",
            produces = {"text/csv", "application/json"})
    public ResponseEntity<String> statsAsCsv(
            @PathVariable String number,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String date) {
        return statsCsv(number, from == null ? date : from, to == null ? date : to);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.systemDefault());
    }

    private static LocalDate day(String field, String text, LocalDate dflt) {
        try {
            return text == null || text.isBlank() ? dflt : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "queue.stats-day");
        }
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<QueueView> create(@RequestBody CallQueueDraft draft) {
        CallQueue q = queues.create(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{number}")
                .buildAndExpand(q.number())
                .toUri();
        return ResponseEntity.created(location).body(QueueView.of(q));
    }

    @PutMapping(path = "/{number}", consumes = "application/json")
    public QueueView update(@PathVariable String number, @RequestBody CallQueueDraft draft) {
        if (draft.number() != null && !draft.number().strip().equals(number)) {
            throw new InvalidInputException("number", "queue.number-fixed");
        }
        return QueueView.of(queues.update(number, draft).orElseThrow(() -> unknown(number)));
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@PathVariable String number) {
        if (!queues.delete(number)) throw unknown(number);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String number) {
        return new NotFoundException("No queue has number " + number + "; GET /api/v1/queues lists them");
    }
}
