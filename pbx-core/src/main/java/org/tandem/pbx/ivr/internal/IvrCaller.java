package org.tandem.pbx.ivr.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import javax.sip.header.AllowHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.ivr.IvrSession;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * A caller in an IVR menu: carries out what its {@link IvrSession} decides. Prompts play with barge-in (a key
 * stops them); the digit timer starts when the prompts are over. A choice that another media service answers
 * (voicemail, conference, another menu) continues in the same dialog; one that rings phones or leaves the PBX
 * (extension, ring group, external number, park orbit) is a blind transfer: "please hold while we transfer your
 * call", then a REFER (RFC 3515) to the caller's phone, and our leg ends once the new call is up.
 */
final class IvrCaller implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(IvrCaller.class);
    /** A time condition naming a menu naming a time condition...: stop after this many hops. */
    static final int MAX_HOPS = 8;

    private final String menu;
    private final IvrSession session;
    private final CallRequest caller;
    private final IvrDestination services;
    private int generation;
    private ScheduledFuture<?> timer;
    private boolean leaving;

    IvrCaller(String menu, IvrSession session, CallRequest caller, IvrDestination services) {
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
                if (services.prompts().exists(p.prompt())) toPlay.add(services.prompts().get(p.prompt()));
                else log.warn("IVR menu {}: prompt {} does not exist (upload it on the Prompts page)", menu, p.prompt());
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
                leave(call, next, 0);
            } else if (end) {
                sayAndHangUp(call, "IVR: no choice", "goodbye");
            } else if (collect != null) {
                timer = call.schedule(collect, () -> {
                    if (gen == generation && !leaving) run(call, session.on(new IvrSession.Event.Timeout()));
                });
            }
        });
    }

    /** The menu chose {@code destination}. */
    private void leave(MediaCall call, Destination destination, int hops) {
        leaving = true;
        log.info("IVR menu {}: caller {} goes to {}", menu, caller.callerNumber(), destination);
        if (hops > MAX_HOPS) {
            sayAndHangUp(call, "IVR: too many hops", "err-not-available");
        } else if (destination instanceof Destination.Hangup) {
            sayAndHangUp(call, "IVR: hang-up", "goodbye");
        } else if (destination instanceof Destination.TimeCondition t) {
            services.timeConditions().destinationNow(t.name()).ifPresentOrElse(d -> leave(call, d, hops + 1),
                    () -> sayAndHangUp(call, "IVR: no time condition " + t.name(), "err-not-available"));
        } else {
            ServedDestination served = services.served(destination);
            // a park orbit or a paging group is reached by the caller's own call (a transfer), not in this dialog
            if (served != null && !(destination instanceof Destination.ParkOrbit)
                    && !(destination instanceof Destination.Paging)) {
                served.scriptFor(caller, destination).ifPresentOrElse(call::switchTo,
                        () -> sayAndHangUp(call, "IVR: " + destination + " not available", "err-not-available"));
            } else {
                transfer(call, destination);
            }
        }
    }

    /** Blind transfer of the caller to a number of the dial plan (RFC 3515 REFER). */
    private void transfer(MediaCall call, Destination destination) {
        String number = number(destination);
        if (number == null || !acceptsRefer(call)) {
            sayAndHangUp(call, "IVR: cannot transfer to " + destination, "err-not-available");
            return;
        }
        String domain = services.domain();
        call.playAll(services.prompts().all("ivr-transferring")).whenComplete((o, e) -> {
            if (call.isOver()) return;
            call.refer("sip:" + number + "@" + domain, "sip:ivr-" + menu + "@" + domain, status -> {
                if (status >= 200 && status < 300 && status != 202) {
                    call.hangUp("Transferred to " + number);
                } else if (status >= 300) {
                    log.info("IVR menu {}: transfer of {} to {} failed: {}", menu, caller.callerNumber(), number, status);
                    sayAndHangUp(call, "Transfer to " + number + " failed (" + status + ")", "err-not-available");
                }
            });
        });
    }

    private static String number(Destination d) {
        if (d instanceof Destination.Extension e) return e.extension();
        if (d instanceof Destination.RingGroup g) return g.number();
        if (d instanceof Destination.External x) return x.number();
        if (d instanceof Destination.ParkOrbit p) return p.orbit();
        if (d instanceof Destination.Paging p) return p.group();
        return null;
    }

    /** RFC 3261 §20.5: a phone that lists its methods and leaves out REFER will refuse one. */
    private static boolean acceptsRefer(MediaCall call) {
        var allows = call.invite().request().getHeaders(AllowHeader.NAME);
        if (allows == null || !allows.hasNext()) return true;
        while (allows.hasNext()) {
            if ("REFER".equals(((AllowHeader) allows.next()).getMethod().toUpperCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private void sayAndHangUp(MediaCall call, String reason, String... prompts) {
        leaving = true;
        call.sayAndHangUp(services.prompts().all(prompts), reason);
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        if (timer != null) timer.cancel(false);
    }
}
