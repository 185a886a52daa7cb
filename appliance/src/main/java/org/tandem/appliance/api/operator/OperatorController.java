package org.tandem.appliance.api.operator;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.ApiError;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.presence.LineStates;
import org.tandem.pbx.proxy.CallControl;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The operator panel over the API (issue 15): {@code GET /api/v1/lines} — every extension, ring group and park
 * orbit with its state and calls — and {@code POST /api/v1/calls/{callId}/hangup} (204, or 404 when Tandem carries
 * no answered call with that Call-ID). ADMIN and RECEPTIONIST act; an OPERATOR may read the lines.
 */
@RestController
class OperatorController {

    private final LineStates lines;
    private final CallControl calls;

    OperatorController(LineStates lines, CallControl calls) {
        this.lines = lines;
        this.calls = calls;
    }

    @GetMapping(path = "/api/v1/lines", produces = "application/json")
    List<LineStates.Line> lines() {
        return lines.lines();
    }

    record TransferRequest(String to, String party) {}

    /**
     * {@code POST /api/v1/calls/{callId}/transfer {"to":"634","party":"caller"}} ({@code to} may also be
     * {@code voicemail:<box>}). An answered call: the caller (or the callee) is asked to call {@code to} (RFC 3515) and
     * the old call ends; 202 once that party accepted, 409 when it
     * refused (its status in the message). A ringing call (nobody answered yet): it goes to {@code to} instead — a
     * number or {@code voicemail:<box>} — as a forward would (202), 409 when the dial plan refuses that target (the call
     * keeps ringing). 404 for no such call, 400 for no target.
     */
    @PostMapping(path = "/api/v1/calls/{callId}/transfer", consumes = "application/json")
    ResponseEntity<?> transfer(@PathVariable String callId, @RequestBody TransferRequest request)
            throws InterruptedException {
        String to = request == null ? null : request.to();
        String line = ringingAt(callId);
        if (to == null || !(to.matches("[0-9*#+]{1,32}") || to.matches("voicemail:[0-9]{1,32}"))) {
            throw new InvalidInputException("to", "operator.transfer-target");
        }
        if (line != null) return deflect(callId, line, to);
        boolean caller = request.party() == null || "caller".equalsIgnoreCase(request.party());
        if (!caller && !"callee".equalsIgnoreCase(request.party())) {
            throw new InvalidInputException("party", "operator.party");
        }
        int status;
        try {
            status = calls.transfer(callId, caller, to).get(40, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The transfer could not be sent: " + e.getMessage(), e);
        }
        if (status == 404) throw new NotFoundException("No call " + callId + " (GET /api/v1/lines shows the calls)");
        if (status >= 300) {
            return ResponseEntity.status(409)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(
                            "transfer refused",
                            "the " + (caller ? "caller" : "callee") + "'s phone answered the transfer " + status
                                    + "; the call goes on"));
        }
        return ResponseEntity.accepted().build();
    }

    private ResponseEntity<?> deflect(String callId, String line, String to) throws InterruptedException {
        int status;
        try {
            status = calls.deflect(callId, line, to).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The call could not be sent on: " + e.getMessage(), e);
        }
        if (status == 200) return ResponseEntity.accepted().build();
        return ResponseEntity.status(409)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(
                        "transfer refused",
                        status == 403
                                ? "calls from " + line + " may not go to " + to
                                : status == 404
                                        ? "there is no " + to + " to send the call to, or it stopped ringing"
                                        : "the dial plan refused " + to + " (" + status
                                                + "); the call goes on ringing"));
    }

    /** The line a call with this Call-ID rings at (nobody answered yet), or null. */
    private String ringingAt(String callId) {
        return lines.lines().stream()
                .filter(l -> l.calls().stream().anyMatch(c -> callId.equals(c.callId()) && "ringing".equals(c.state())))
                .map(LineStates.Line::number)
                .findFirst()
                .orElse(null);
    }

    @PostMapping("/api/v1/calls/{callId}/hangup")
    ResponseEntity<Void> hangUp(@PathVariable String callId) throws InterruptedException {
        try {
            if (calls.hangUp(callId).get(5, TimeUnit.SECONDS))
                return ResponseEntity.noContent().build();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The call could not be hung up: " + e.getMessage(), e);
        }
        throw new NotFoundException("No answered call " + callId + " (GET /api/v1/lines shows the calls)");
    }
}
