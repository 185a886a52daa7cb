package org.tandem.pbx.routing;

import java.util.List;
import java.util.Locale;
import javax.sip.header.AllowHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.ua.MediaCall;

/**
 * Sends a call a media service has answered (an IVR menu, a queue) on to a destination. One that another media
 * service answers (voicemail, conference, a menu, a queue) continues in the same dialog ({@link MediaCall#switchTo});
 * a time condition is resolved now; one that rings phones or leaves the PBX (extension, ring group, external number,
 * park orbit, paging group) is a blind transfer: "please hold while we transfer your call", then a REFER (RFC 3515) to the caller's
 * phone, and our leg ends once the new call is up. Hang up says goodbye. On the call's stripe.
 */
@Component
public class MediaCallOnward {

    private static final Logger log = LoggerFactory.getLogger(MediaCallOnward.class);
    /** A time condition naming a menu naming a time condition...: stop after this many hops. */
    static final int MAX_HOPS = 8;

    /** The media services (menus, queues, voicemail...) send calls on through this bean (a cycle): looked up at the first call. */
    private final ObjectProvider<ServedDestination> served;

    private final TimeConditionSwitch timeConditions;
    private final Prompts prompts;
    private final SipDomain domain;
    private volatile List<ServedDestination> all;

    public MediaCallOnward(
            ObjectProvider<ServedDestination> served,
            TimeConditionSwitch timeConditions,
            Prompts prompts,
            SipDomain domain) {
        this.served = served;
        this.timeConditions = timeConditions;
        this.prompts = prompts;
        this.domain = domain;
    }

    /**
     * Sends {@code call} to {@code destination}, saying "please hold" and the errors in {@code language} (the menu's or
     * the queue's, which is the system language unless they have their own: never English by default).
     *
     * @param service who sends it, the user part of the REFER's Referred-By (e.g. {@code ivr-main}, {@code queue-700})
     */
    public void send(MediaCall call, CallRequest caller, Destination destination, String service, Language language) {
        send(call, caller, destination, service, 0, prompts.in(language));
    }

    private void send(
            MediaCall call,
            CallRequest caller,
            Destination destination,
            String service,
            int hops,
            LanguagePrompts prompts) {
        if (hops > MAX_HOPS) {
            call.sayAndHangUp(prompts.all("err-not-available"), service + ": too many hops");
        } else if (destination instanceof Destination.Hangup) {
            call.sayAndHangUp(prompts.all("goodbye"), service + ": hang-up");
        } else if (destination instanceof Destination.TimeCondition t) {
            timeConditions
                    .destinationNow(t.name())
                    .ifPresentOrElse(
                            d -> send(call, caller, d, service, hops + 1, prompts),
                            () -> call.sayAndHangUp(
                                    prompts.all("err-not-available"), service + ": no time condition " + t.name()));
        } else {
            ServedDestination by = served(destination);
            // a park orbit or a paging group is reached by the caller's own call (a transfer), not in this dialog
            if (by != null
                    && !(destination instanceof Destination.ParkOrbit)
                    && !(destination instanceof Destination.Paging)) {
                by.scriptFor(caller, destination)
                        .ifPresentOrElse(
                                call::switchTo,
                                () -> call.sayAndHangUp(
                                        prompts.all("err-not-available"),
                                        service + ": " + destination + " not available"));
            } else {
                transfer(call, caller, destination, service, prompts);
            }
        }
    }

    /** Blind transfer of the caller to a number of the dial plan (RFC 3515 REFER). */
    private void transfer(
            MediaCall call, CallRequest caller, Destination destination, String service, LanguagePrompts prompts) {
        String number = number(destination);
        if (number == null || !acceptsRefer(call)) {
            call.sayAndHangUp(prompts.all("err-not-available"), service + ": cannot transfer to " + destination);
            return;
        }
        String at = domain.current();
        call.playAll(prompts.all("ivr-transferring")).whenComplete((o, e) -> {
            if (call.isOver()) return;
            call.refer("sip:" + number + "@" + at, "sip:" + service + "@" + at, status -> {
                if (status >= 200 && status < 300 && status != 202) {
                    call.hangUp("Transferred to " + number);
                } else if (status >= 300) {
                    log.info("{}: transfer of {} to {} failed: {}", service, caller.callerNumber(), number, status);
                    call.sayAndHangUp(
                            prompts.all("err-not-available"), "Transfer to " + number + " failed (" + status + ")");
                }
            });
        });
    }

    private ServedDestination served(Destination d) {
        List<ServedDestination> beans = all;
        if (beans == null) all = beans = served.orderedStream().toList();
        return beans.stream().filter(s -> s.serves(d)).findFirst().orElse(null);
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
}
