package org.tandem.appliance.api;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.presence.LineStates;
import org.tandem.pbx.proxy.CallControl;

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

    @PostMapping("/api/v1/calls/{callId}/hangup")
    ResponseEntity<Void> hangUp(@PathVariable String callId) throws InterruptedException {
        try {
            if (calls.hangUp(callId).get(5, TimeUnit.SECONDS)) return ResponseEntity.noContent().build();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The call could not be hung up: " + e.getMessage(), e);
        }
        throw new NotFoundException("No answered call " + callId + " (GET /api/v1/lines shows the calls)");
    }
}
