package org.tandem.appliance.api.queue;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.api.ApiError;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueStatus;

/**
 * A queue's agents (issue 18): {@code GET /api/v1/queues/{number}/agents} lists them (static members and those logged
 * in) with their presence and state now; {@code PUT /api/v1/queues/{number}/agents/{extension}} with
 * {@code {"state":"PAUSED","reason":"lunch"}} pauses an agent (AVAILABLE resumes or logs in, LOGGED_OUT logs out),
 * stored before the answer. The front desk (RECEPTIONIST) may read them and pause and resume a logged-in agent, no
 * more (403): logging in and out stays with the agent (*45/*46, the portal) and the ADMINs.
 */
@RestController
@RequestMapping(path = "/api/v1/queues/{number}/agents", produces = "application/json")
public class QueueAgentController {

    /**
     * @param state       what the queue sees now: IDLE, RINGING, IN_QUEUE_CALL, PAUSED, WRAP_UP, BUSY, DND, UNAVAILABLE
     * @param presence    LOGGED_OUT, AVAILABLE or PAUSED
     * @param reason      the pause's reason, if paused and one was given
     * @param pausedSince when the pause began, if paused
     */
    public record AgentView(
            String extension, boolean member, String presence, String state, String reason, Instant pausedSince) {}

    /** The body of a PUT: {@code state} one of LOGGED_OUT, AVAILABLE, PAUSED; {@code reason} for a pause. */
    public record AgentChange(String state, String reason) {}

    private final QueueAgents agents;
    private final QueueCalls calls;

    public QueueAgentController(QueueAgents agents, QueueCalls calls) {
        this.agents = agents;
        this.calls = calls;
    }

    @GetMapping
    public List<AgentView> list(@PathVariable String number) {
        QueueStatus now = calls.status(number).orElseThrow(() -> unknownQueue(number));
        return now.agents().stream()
                .map(a -> view(agents.presence(number, a.extension()).orElseThrow(), a.state()))
                .toList();
    }

    @GetMapping("/{extension}")
    public AgentView get(@PathVariable String number, @PathVariable String extension) {
        return view(
                agents.presence(number, extension).orElseThrow(() -> unknown(number, extension)),
                stateOf(number, extension));
    }

    @PutMapping(path = "/{extension}", consumes = "application/json")
    public ResponseEntity<?> put(
            @PathVariable String number,
            @PathVariable String extension,
            @RequestBody AgentChange change,
            HttpServletRequest request) {
        if (!request.isUserInRole(AdminRole.ADMIN.name())) {
            QueueAgents.Presence now = agents.presence(number, extension)
                    .orElseThrow(() -> unknown(number, extension))
                    .presence();
            String to = change.state() == null ? "" : change.state().strip().toUpperCase(Locale.ROOT);
            if (now == QueueAgents.Presence.LOGGED_OUT || !(to.equals("PAUSED") || to.equals("AVAILABLE"))) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN)
                        .body(
                                ApiError.of(
                                        "forbidden",
                                        "The front desk "
                                                + "(RECEPTIONIST) pauses and resumes agents who are logged in (state PAUSED or AVAILABLE); "
                                                + "logging in and out is for the agent (*45/*46, the portal) or an ADMIN account"));
            }
        }
        QueueAgents.AgentPresence p = agents.set(number, extension, change.state(), change.reason())
                .orElseThrow(() -> unknown(number, extension));
        return ResponseEntity.ok(view(p, stateOf(number, extension)));
    }

    private AgentState stateOf(String number, String extension) {
        return calls.status(number)
                .flatMap(s -> s.agents().stream()
                        .filter(a -> a.extension().equals(extension))
                        .findFirst())
                .map(QueueStatus.Agent::state)
                .orElse(null);
    }

    private static AgentView view(QueueAgents.AgentPresence p, AgentState state) {
        return new AgentView(
                p.extension(),
                p.member(),
                p.presence().name(),
                state == null ? null : state.name(),
                p.reason(),
                p.pausedSince());
    }

    private static NotFoundException unknownQueue(String number) {
        return new NotFoundException("No queue has number " + number + "; GET /api/v1/queues lists them");
    }

    private NotFoundException unknown(String number, String extension) {
        return calls.status(number).isEmpty()
                ? unknownQueue(number)
                : new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
    }
}
