package org.tandem.pbx.voicemail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.PlaybackOutcome;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.voicemail.VoicemailBox;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * Leaving a message: the greeting (the owner's recording, or the system one naming the extension; {@code #}
 * skips it), a beep, then the caller's message until they hang up, press {@code #}, stay silent or reach the
 * box's maximum length. A message is deposited durably ({@link VoicemailStore#depositAsync}: e-mail and MWI
 * follow from there) whichever way it ended; hanging up during the greeting leaves nothing, and a message
 * shorter than {@link #MIN_LENGTH} is thrown away. Runs on the call's stripe.
 */
final class DepositCall implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(DepositCall.class);
    /** Shorter recordings are hang-ups after the beep, not messages. */
    static final Duration MIN_LENGTH = Duration.ofSeconds(1);

    private enum Phase {
        GREETING,
        BEEP,
        RECORDING,
        CLOSING
    }

    private final VoicemailBox box;
    private final CallRequest caller;
    private final boolean busy;
    private final LanguagePrompts prompts;
    private final VoicemailGreetings greetings;
    private final VoicemailStore store;
    private Phase phase = Phase.GREETING;
    /** '#' came during the greeting: no further greeting is tried. */
    private boolean skipped;

    DepositCall(
            VoicemailBox box,
            CallRequest caller,
            boolean busy,
            LanguagePrompts prompts,
            VoicemailGreetings greetings,
            VoicemailStore store) {
        this.box = box;
        this.caller = caller;
        this.busy = busy;
        this.prompts = prompts;
        this.greetings = greetings;
        this.store = store;
    }

    @Override
    public void started(MediaCall call) {
        greet(call, greetings.candidates(box, busy));
    }

    /** The owner's first recorded greeting that exists (the player finds out, off the stripe), else the system's. */
    private void greet(MediaCall call, List<Path> recorded) {
        if (recorded.isEmpty()) {
            List<short[]> greeting = new ArrayList<>();
            greeting.add(prompts.get("vm-the-person-at-extension"));
            greeting.addAll(prompts.digits(box.extension()));
            greeting.add(prompts.get(busy ? "vm-is-busy" : "vm-is-unavailable"));
            greeting.add(prompts.get("vm-leave-message"));
            call.playAll(greeting).whenComplete((outcome, error) -> afterGreeting(call));
            return;
        }
        Path file = recorded.get(0);
        call.media().play(file).whenComplete((outcome, error) -> {
            if (error instanceof NoSuchFileException && !skipped && !call.isOver()) {
                greet(call, recorded.subList(1, recorded.size())); // not recorded: the next one
                return;
            }
            if (error != null)
                log.warn("Box {}: greeting {} not playable: {}", box.extension(), file, error.toString());
            afterGreeting(call);
        });
    }

    /** The greeting ended (finished, or skipped with #): beep, then record. A hang-up in it ends everything. */
    private void afterGreeting(MediaCall call) {
        if (call.isOver() || phase != Phase.GREETING) return;
        phase = Phase.BEEP;
        call.media().play(prompts.get("beep")).whenComplete((outcome, error) -> {
            if (call.isOver() || outcome != PlaybackOutcome.FINISHED) return;
            phase = Phase.RECORDING;
            call.media()
                    .record(RecordOptions.voicemail(Duration.ofSeconds(box.maxMessageSeconds())))
                    .whenComplete((recording, failure) -> recorded(call, recording, failure));
        });
    }

    @Override
    public void dtmf(MediaCall call, char digit) {
        if (phase == Phase.GREETING && digit == '#') {
            skipped = true;
            call.media().stopPlayback(); // skip the greeting
        }
    }

    private void recorded(MediaCall call, Recording recording, Throwable failure) {
        phase = Phase.CLOSING;
        if (failure != null || recording == null) {
            log.warn("Box {}: recording from {} failed: {}", box.extension(), caller.callerNumber(), failure);
            sayAndHangUp(call, "Recording failed", "err-try-later");
            return;
        }
        if (recording.length().compareTo(MIN_LENGTH) < 0) {
            deleteQuietly(recording.file());
            sayAndHangUp(call, "Message too short", "vm-message-too-short", "goodbye");
            return;
        }
        store.depositAsync(
                        box.extension(),
                        caller.callerNumber(),
                        caller.callerName(),
                        recording.file(),
                        recording.length())
                .whenComplete((message, error) -> {
                    if (error == null) {
                        deleteQuietly(recording.file()); // the store copied it durably
                        log.info(
                                "Box {}: message {} from {} ({} s)",
                                box.extension(),
                                message.id(),
                                caller.callerNumber(),
                                recording.length().toSeconds());
                    } else {
                        // the recording stays where it is, so nothing the caller said is lost
                        log.error(
                                "Box {}: message from {} NOT stored, its audio is kept at {}: {}",
                                box.extension(),
                                caller.callerNumber(),
                                recording.file(),
                                error.toString());
                    }
                    call.schedule(
                            Duration.ZERO,
                            () -> sayAndHangUp(
                                    call,
                                    error == null ? "Message saved" : "Message not saved",
                                    error == null
                                            ? new String[] {"vm-message-saved-for-caller", "goodbye"}
                                            : new String[] {"err-try-later"}));
                });
    }

    private void sayAndHangUp(MediaCall call, String reason, String... promptIds) {
        call.sayAndHangUp(prompts.all(promptIds), reason);
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        // a running recording completes with SESSION_CLOSED and is deposited by recorded(): hanging up is
        // how most messages end
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
