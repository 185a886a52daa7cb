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

    record TransferRequest(String to, String party) {
    }

    /**
     * {@code POST /api/v1/calls/{callId}/transfer {"to":"634","party":"caller"}}: the caller (or the callee) is asked
     * to call {@code to} (RFC 3515) and the old call ends; 202 once that party accepted, 409 when it refused (its
     * status in the message), 404 for no answered call, 400 for no number.
     */
    @PostMapping(path = "/api/v1/calls/{callId}/transfer", consumes = "application/json")
    ResponseEntity<?> transfer(@PathVariable String callId, @org.springframework.web.bind.annotation.RequestBody
            TransferRequest request) throws InterruptedException {
        String to = request == null ? null : request.to();
        if (to == null || !to.matches("[0-9*#+]{1,32}")) {
            throw new org.tandem.pbx.directory.InvalidInputException(java.util.Map.of("to",
                    "give the number to transfer to: digits, *, # or +"));
        }
        boolean caller = request.party() == null || "caller".equalsIgnoreCase(request.party());
        if (!caller && !"callee".equalsIgnoreCase(request.party())) {
            throw new org.tandem.pbx.directory.InvalidInputException(java.util.Map.of("party", "caller or callee"));
        }
        int status;
        try {
            status = calls.transfer(callId, caller, to).get(40, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The transfer could not be sent: " + e.getMessage(), e);
        }
        if (status == 404) throw new NotFoundException("No answered call " + callId + " (GET /api/v1/lines shows the calls)");
        if (status >= 300) {
            return ResponseEntity.status(409).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(ApiError.of("transfer refused", "the " + (caller ? "caller" : "callee")
                            + "'s phone answered the transfer " + status + "; the call goes on"));
        }
        return ResponseEntity.accepted().build();
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
