package org.tandem.appliance.api.calls;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.ApiError;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.clicktocall.ClickToCall;
import org.tandem.pbx.clicktocall.ClickToCallStatus;
import org.tandem.pbx.clicktocall.NoPhoneRegisteredException;

/**
 * Click-to-call (issue 15): {@code POST /api/v1/calls {"from":"101","to":"102"}} rings 101's phone and, once it is
 * answered, has that phone call 102 itself; 202 with where it stands and its {@code Location}. {@code GET
 * /api/v1/calls/{id}} follows it: RINGING, TRANSFERRING, CONNECTED or FAILED with the reason. 409 when the user has
 * no phone registered; 400 with the fields for an unknown user or a target that is no number.
 */
@RestController
public class ClickToCallController {

    /** The body of a click-to-call. */
    public record CallRequest(String from, String to) {}

    private final ClickToCall clickToCall;

    public ClickToCallController(ClickToCall clickToCall) {
        this.clickToCall = clickToCall;
    }

    @PostMapping(path = "/api/v1/calls", consumes = "application/json", produces = "application/json")
    public ResponseEntity<ClickToCallStatus> start(@RequestBody CallRequest request) {
        ClickToCallStatus started = clickToCall.start(request.from(), request.to());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/calls/" + started.id()))
                .body(started);
    }

    @GetMapping(path = "/api/v1/calls/{id}", produces = "application/json")
    public ClickToCallStatus status(@PathVariable String id) {
        return clickToCall
                .status(id)
                .orElseThrow(() ->
                        new NotFoundException("No click-to-call " + id + " (finished ones are kept for 10 minutes)"));
    }

    @ExceptionHandler(NoPhoneRegisteredException.class)
    ResponseEntity<ApiError> noPhone(NoPhoneRegisteredException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("no phone", e.getMessage()));
    }
}
