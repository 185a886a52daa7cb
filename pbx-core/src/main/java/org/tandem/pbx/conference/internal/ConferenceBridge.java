package org.tandem.pbx.conference.internal;

import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.conference.ConferenceCalls;
import org.tandem.pbx.conference.ConferenceRecordings;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;

/**
 * {@code conference:<room>} (and the room's number dialled): the caller is answered, enters the PIN when the
 * room has one, and joins the room's mixer ({@link ConferenceCaller}). Rooms come alive with their first
 * participant and close with their last.
 */
@Component
public class ConferenceBridge implements ServedDestination, AutoCloseable {

    private final ConferenceRooms rooms;
    private final ConferenceCalls live;
    private final MediaCalls calls;
    private final Prompts prompts;
    /** bcrypt PIN checks and storing room recordings, off the SIP stripes (bcrypt takes ~100 ms on purpose) */
    private final ThreadPoolExecutor pinChecks;

    private final ConferenceRecordings recordings;
    private final AccountLockouts pinLockouts;
    private final ApplianceSetup setup;

    public ConferenceBridge(
            ConferenceRooms rooms,
            ConferenceCalls live,
            MediaCalls calls,
            Prompts prompts,
            ConferenceRecordings recordings,
            AccountLockouts pinLockouts,
            Workers workers,
            ApplianceSetup setup) {
        this.setup = setup;
        this.pinChecks = workers.pool("conference-io", 2, 64);
        this.recordings = recordings;
        this.pinLockouts = pinLockouts;
        this.rooms = rooms;
        this.live = live;
        this.calls = calls;
        this.prompts = prompts;
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.Conference;
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String number = ((Destination.Conference) destination).room();
        ConferenceRoom room = rooms.find(number).orElse(null);
        if (room == null) return new RouteStep.Refuse(404, "No conference room " + number);
        String label = destination.toString();
        return new RouteStep.Serve(
                (invite, server, request) -> calls.answer(
                        invite, server, label, new ConferenceCaller(number, request, invite.sourceAddress(), this)),
                label);
    }

    @Override
    public Optional<MediaCallScript> scriptFor(CallRequest call, Destination destination) {
        String number = ((Destination.Conference) destination).room();
        return rooms.find(number).map(r -> new ConferenceCaller(number, call, null, this));
    }

    /** A room coming alive: its mixer, and its recording when the room records. */
    LiveRoom openRoom(String number, ConferenceRoom settings) {
        LiveRoom room = new LiveRoom(number, calls.createMixer());
        if (settings.record()) room.record(pinChecks, (started, file) -> recordings.save(number, started, file));
        return room;
    }

    ConferenceRooms rooms() {
        return rooms;
    }

    ConferenceCalls live() {
        return live;
    }

    MediaCalls calls() {
        return calls;
    }

    /** The prompts in room {@code number}'s language (else the system language; English where one lacks). */
    LanguagePrompts prompts(String number) {
        return prompts.in(setup.languageOr(
                rooms.find(number).map(ConferenceRoom::language).orElse(null)));
    }

    /** Wrong PINs per room and caller, over calls (the login lockout's rules: tandem.security.lockout). */
    AccountLockouts pinLockouts() {
        return pinLockouts;
    }

    ThreadPoolExecutor pinChecks() {
        return pinChecks;
    }

    @Override
    public void close() {
        pinChecks.shutdownNow();
    }
}
