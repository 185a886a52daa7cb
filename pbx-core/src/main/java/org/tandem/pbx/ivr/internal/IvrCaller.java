package org.tandem.pbx.ivr.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.ivr.IvrSession;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * A caller in an IVR menu: carries out what its {@link IvrSession} decides. Prompts play with barge-in (a key
 * stops them); the digit timer starts when the prompts are over. A choice goes on through
 * {@link org.tandem.pbx.routing.MediaCallOnward}: in the same dialog to another media service (voicemail, conference,
 * another menu, a queue), else by a blind transfer (REFER, RFC 3515).
 */
final class IvrCaller implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(IvrCaller.class);
    private final String menu;
    private final IvrSession session;
    private final CallRequest caller;
    private final IvrDestination services;
    private int generation;
    private ScheduledFuture<?> timer;
    private boolean leaving;
    private final Language language;

    IvrCaller(String menu, IvrSession session, CallRequest caller, IvrDestination services, Language language) {
        this.language = language;
        this.menu = menu;
        this.session = session;
        this.caller = caller;
        this.services = services;
    }

    @Override
    public void started(MediaCall call) {
        run(call, session.start());
    }

    @Override
    public void dtmf(MediaCall call, char digit) {
        if (leaving || session.finished()) return;
        call.media().stopPlayback(); // barge-in
        run(call, session.on(new IvrSession.Event.Digit(digit)));
    }

    private void run(MediaCall call, List<IvrSession.Action> actions) {
        if (actions.isEmpty()) return;
        int gen = ++generation;
        if (timer != null) timer.cancel(false);
        List<short[]> toPlay = new ArrayList<>();
        Duration wait = null;
        Destination route = null;
        boolean hangUp = false;
        for (IvrSession.Action a : actions) {
            if (a instanceof IvrSession.Action.Play p) {
                if (services.exists(p.prompt()))
                    toPlay.add(services.prompts(language).get(p.prompt()));
                else
                    log.warn("IVR menu {}: prompt {} does not exist (upload it on the Prompts page)", menu, p.prompt());
            } else if (a instanceof IvrSession.Action.CollectDigits c) {
                wait = c.timeout();
            } else if (a instanceof IvrSession.Action.Route r) {
                route = r.destination();
            } else {
                hangUp = true;
            }
        }
        Duration collect = wait;
        Destination next = route;
        boolean end = hangUp;
        call.playAll(toPlay).whenComplete((outcome, error) -> {
            if (gen != generation || call.isOver()) return;
            if (next != null) {
                leave(call, next);
            } else if (end) {
                sayAndHangUp(call, "IVR: no choice", "goodbye");
            } else if (collect != null) {
                timer = call.schedule(collect, () -> {
                    if (gen == generation && !leaving) run(call, session.on(new IvrSession.Event.Timeout()));
                });
            }
        });
    }

    /** The menu chose {@code destination}: on there, in this dialog or by a blind transfer. */
    private void leave(MediaCall call, Destination destination) {
        leaving = true;
        log.info("IVR menu {}: caller {} goes to {}", menu, caller.callerNumber(), destination);
        services.onward().send(call, caller, destination, "ivr-" + menu, language);
    }

    private void sayAndHangUp(MediaCall call, String reason, String... prompts) {
        leaving = true;
        call.sayAndHangUp(services.prompts(language).all(prompts), reason);
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        if (timer != null) timer.cancel(false);
    }
}
