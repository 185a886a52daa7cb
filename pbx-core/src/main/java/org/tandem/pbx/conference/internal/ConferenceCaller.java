package org.tandem.pbx.conference.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * One caller of a conference room: refused when the room is locked or full; the PIN (digits then '#', three
 * tries a call, checked off the stripe; wrong PINs also count per room and caller over calls, and a caller with
 * too many is turned away for a while, the right PIN included — issue 22, the login lockout's rules); "you are now joining the conference", then the mix (everyone but oneself),
 * "you are the only person" when alone, join and leave tones to the others when the room announces them. Key
 * {@code 1} mutes and unmutes oneself (as Asterisk's ConfBridge does by default).
 */
final class ConferenceCaller implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(ConferenceCaller.class);
    static final int PIN_TRIES = 3;
    static final Duration PIN_WAIT = Duration.ofSeconds(10);
    static final char MUTE_KEY = '1';

    private enum Phase {
        PIN,
        JOINING,
        IN,
        OUT
    }

    private final String number;
    private final CallRequest caller;
    private final ConferenceBridge bridge;
    /** the room's language, fixed for the call (the join and leave tones are the same in every language) */
    private final LanguagePrompts said;
    /** The lockout's name and source: this room, and who guesses (the extension, else address and number). */
    private final String lockName;

    private final String lockSource;
    private Phase phase = Phase.PIN;
    private final StringBuilder pin = new StringBuilder();
    private int tries;
    private ScheduledFuture<?> pinTimer;
    private LiveRoom room;
    private LiveRoom.Seat seat;

    ConferenceCaller(String number, CallRequest caller, String sourceAddress, ConferenceBridge bridge) {
        this.number = number;
        this.caller = caller;
        this.bridge = bridge;
        this.said = bridge.prompts(number);
        this.lockName = "conference " + number;
        // an external caller's number can be made up: it is one key with the address it came from (a provider's
        // callers each count alone, and one who changes numbers still gets three tries a call only)
        this.lockSource = caller.callerExtension() != null
                ? "extension " + caller.callerExtension()
                : (sourceAddress == null ? "?" : sourceAddress) + " " + caller.callerNumber();
    }

    @Override
    public void started(MediaCall call) {
        ConferenceRoom r = bridge.rooms().find(number).orElse(null);
        if (r == null) {
            sayAndHangUp(call, "No such room", "conf-invalid", "goodbye");
        } else if (r.locked()) {
            sayAndHangUp(call, "Conference locked", "conf-locked", "goodbye");
        } else if (!r.hasPin()) {
            join(call);
        } else if (bridge.pinLockouts().isLocked(lockName, lockSource)) {
            log.warn("Conference {}: {} is locked out after too many wrong PINs", number, lockSource);
            sayAndHangUp(call, "Too many wrong PINs: locked, try later", "err-too-many-attempts", "goodbye");
        } else {
            askPin(call);
        }
    }

    private void askPin(MediaCall call) {
        pin.setLength(0);
        call.playAll(said.all("conf-enter-pin"));
        if (pinTimer != null) pinTimer.cancel(false);
        pinTimer = call.schedule(PIN_WAIT, () -> checkPin(call));
    }

    @Override
    public void dtmf(MediaCall call, char digit) {
        if (phase == Phase.PIN) {
            if (digit == '#') checkPin(call);
            else if (Character.isDigit(digit) && pin.length() < 16) pin.append(digit);
        } else if (phase == Phase.IN && digit == MUTE_KEY) {
            boolean muted = !seat.muted;
            room.mute(seat, muted);
            call.media().play(said.get(muted ? "conf-muted" : "conf-unmuted"));
        }
    }

    private void checkPin(MediaCall call) {
        if (phase != Phase.PIN) return;
        if (pinTimer != null) pinTimer.cancel(false);
        phase = Phase.JOINING; // no more digits count until the check is back
        String entered = pin.toString();
        CompletableFuture.supplyAsync(() -> bridge.rooms().pinMatches(number, entered), bridge.pinChecks())
                .whenComplete((ok, error) -> call.execute(() -> pinChecked(call, Boolean.TRUE.equals(ok))));
    }

    private void pinChecked(MediaCall call, boolean ok) {
        if (call.isOver()) return;
        if (ok) {
            bridge.pinLockouts().recordSuccess(lockName, lockSource);
            join(call);
            return;
        }
        tries++;
        log.info("Conference {}: wrong PIN from {} ({} of {})", number, lockSource, tries, PIN_TRIES);
        bridge.pinLockouts().recordFailure(lockName, lockSource);
        if (tries >= PIN_TRIES || bridge.pinLockouts().isLocked(lockName, lockSource)) {
            sayAndHangUp(call, "Wrong PIN", "pin-invalid", "err-too-many-attempts", "goodbye");
            return;
        }
        phase = Phase.PIN;
        call.playAll(said.all("pin-invalid")).whenComplete((o, e) -> {
            if (phase == Phase.PIN && !call.isOver()) askPin(call);
        });
    }

    private void join(MediaCall call) {
        ConferenceRoom r = bridge.rooms().find(number).orElse(null);
        if (r == null || r.locked()) {
            sayAndHangUp(call, "Conference locked", "conf-locked", "goodbye");
            return;
        }
        phase = Phase.JOINING;
        call.playAll(said.all("conf-joining")).whenComplete((o, e) -> {
            if (call.isOver()) return;
            LiveRoom.Seat mine = new LiveRoom.Seat(call, caller.callerNumber(), caller.callerName());
            for (int attempt = 0; attempt < 3; attempt++) {
                LiveRoom live = (LiveRoom) bridge.live().open(number, n -> bridge.openRoom(n, r));
                if (live.size() >= r.maxParticipants()) {
                    sayAndHangUp(call, "Conference full", "conf-locked", "goodbye");
                    return;
                }
                if (live.join(mine)) {
                    room = live;
                    seat = mine;
                    phase = Phase.IN;
                    joined(call, r);
                    return;
                }
                bridge.live().closed(number, live); // it closed as we came: take a fresh one
            }
            sayAndHangUp(call, "Conference unavailable", "err-try-later");
        });
    }

    private void joined(MediaCall call, ConferenceRoom r) {
        log.info("Conference {}: {} joined ({} in the room)", number, caller.callerNumber(), room.size());
        List<LiveRoom.Seat> others = room.others(call.callId());
        if (others.isEmpty()) call.media().play(said.get("conf-only-person"));
        if (r.announceJoinLeave()) others.forEach(s -> s.call.media().play(said.get("conf-join-tone")));
    }

    private void sayAndHangUp(MediaCall call, String reason, String... promptIds) {
        phase = Phase.OUT;
        call.sayAndHangUp(said.all(promptIds), reason);
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        if (pinTimer != null) pinTimer.cancel(false);
        if (room == null) return;
        boolean empty = room.leave(call);
        log.info("Conference {}: {} left", number, caller.callerNumber());
        if (empty) {
            bridge.live().closed(number, room);
        } else if (bridge.rooms()
                .find(number)
                .map(ConferenceRoom::announceJoinLeave)
                .orElse(false)) {
            room.others(call.callId()).forEach(s -> s.call.media().play(said.get("conf-leave-tone")));
        }
        room = null;
        phase = Phase.OUT;
    }
}
