package org.tandem.pbx.clicktocall;

import java.time.Instant;

/**
 * Where a click-to-call stands ({@code GET /api/v1/calls/{id}}).
 *
 * @param id     the Call-ID of Tandem's call to the user's phone
 * @param state  RINGING (the user's phone rings), TRANSFERRING (answered; the phone was asked to call the target),
 *               CONNECTED (the phone's call to the target was answered), FAILED (see {@code detail})
 * @param detail why it failed (the phone's or the target's answer in words), else null
 */
public record ClickToCallStatus(String id, String from, String to, State state, String detail, Instant startedAt) {

    public enum State {
        RINGING,
        TRANSFERRING,
        CONNECTED,
        FAILED
    }
}
