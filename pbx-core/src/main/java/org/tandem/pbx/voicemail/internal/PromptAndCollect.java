package org.tandem.pbx.voicemail.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.tandem.pbx.ua.MediaCall;

/**
 * The turn-taking of a menu by phone: play prompts, then wait for a key (an IVR's "prompt and collect").
 * Each prompt, key wait or piece of work starts a new turn; whatever an older turn left pending
 * (a prompt's follow-up, a key timer) finds itself stale and does nothing, so a key interrupts a prompt and a
 * hang-up silences the menu. Runs on the call's stripe, like the menu it serves.
 */
final class PromptAndCollect {

    /** Ten seconds without a key: the menu's silence timer. */
    static final Duration KEY_WAIT = Duration.ofSeconds(10);

    private int turn;
    private ScheduledFuture<?> timer;

    /** Starts a new turn: nothing pending from an older one runs any more. Returns the new turn. */
    int next() {
        cancelTimer();
        return ++turn;
    }

    /** The current turn, for work that outlives a prompt (a message's audio after its envelope). */
    int turn() {
        return turn;
    }

    /** Whether {@code turn} is still the current one. */
    boolean current(int turn) {
        return turn == this.turn;
    }

    /** Plays {@code said}, then {@code after} unless a key (or anything newer) came first. */
    void say(MediaCall call, List<short[]> said, Runnable after) {
        int gen = next();
        call.playAll(said).whenComplete((o, e) -> {
            if (current(gen) && !call.isOver()) after.run();
        });
    }

    /** Waits {@link #KEY_WAIT} for a key in this turn; {@code onSilence} runs if none came. */
    void waitForKey(MediaCall call, Runnable onSilence) {
        cancelTimer();
        int gen = turn;
        timer = call.schedule(KEY_WAIT, () -> {
            if (current(gen)) onSilence.run();
        });
    }

    void cancelTimer() {
        if (timer != null) timer.cancel(false);
    }
}
