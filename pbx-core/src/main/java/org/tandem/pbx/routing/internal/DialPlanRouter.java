package org.tandem.pbx.routing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.ActiveCalls;
import org.tandem.pbx.routing.BusyPolicy;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.CallScreen;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RingOutcome;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.routing.TimeConditionSwitch;

/**
 * The dial plan: what a dialled number means — a feature code, a local extension, a ring group,
 * else an external number through the outbound routes — and what each destination turns into:
 * ring steps with forwarding on busy / no answer, do-not-disturb, "ring my mobile too", hunting. Whether and how
 * an external number leaves the PBX is {@link ExternalNumbers}'.
 */
public final class DialPlanRouter implements CallRouter {

    private static final Logger log = LoggerFactory.getLogger(DialPlanRouter.class);
    /** Forward → forward → ... at most this deep; a loop of forwards ends here. */
    static final int MAX_HOPS = 8;

    private final UserDirectory users;
    private final LocationService locations;
    private final ExternalNumbers external;
    private final RoutingDirectory routing;
    private final ActiveCalls activeCalls;
    private final FeatureCodes featureCodes;
    private final TimeConditionSwitch timeConditions;
    private final NumberedDestinations numbered;
    private final MediaServicesOf media;
    private final Supplier<List<CallScreen>> screens;

    DialPlanRouter(
            UserDirectory users,
            LocationService locations,
            ExternalCalls external,
            RoutingDirectory routing,
            ActiveCalls activeCalls,
            FeatureCodes featureCodes,
            TimeConditionSwitch timeConditions,
            NumberedDestinations numbered,
            MediaServicesOf media,
            Supplier<List<CallScreen>> screens) {
        this.media = media;
        this.screens = screens;
        this.timeConditions = timeConditions;
        this.numbered = numbered;
        this.users = users;
        this.locations = locations;
        this.external = new ExternalNumbers(external);
        this.routing = routing;
        this.activeCalls = activeCalls;
        this.featureCodes = featureCodes;
    }

    @Override
    public RouteStep route(CallRequest call) {
        RouteStep screened = screened(call, null);
        if (screened != null) return screened;
        if (call.origin() != null && call.origin().destination() != null) {
            return toStep(call, Destination.parse(call.origin().destination(), "destination"), null, 0);
        }
        String dialled = call.dialled();
        if (call.callerExtension() != null && (dialled.startsWith("*") || dialled.startsWith("#"))) {
            RouteStep feature = featureCodes.route(call, this);
            if (feature != null) return feature;
        }
        if (users.exists(dialled)) {
            if (call.replaces()) return ringDevicesOnly(dialled); // RFC 3891: it targets a dialog, not a person
            return toStep(call, new Destination.Extension(dialled), null, 0);
        }
        if (routing.ringGroup(dialled).isPresent()) return toStep(call, new Destination.RingGroup(dialled), null, 0);
        // a conference room (or another feature's number): only for callers of this PBX, like extensions
        if (call.callerExtension() != null || call.origin() != null) {
            Destination local = numbered.destinationOf(dialled).orElse(null);
            if (local != null) return toStep(call, local, null, 0);
        }
        // an external number only for a local caller, or a call this process vouches for: never for an
        // anonymous outside caller (no toll fraud through an open relay)
        if ((call.callerExtension() != null || call.origin() != null)
                && Destination.NUMBER.matcher(dialled).matches()) {
            return external.dialled(call, dialled);
        }
        return new RouteStep.Refuse(404, "Not Found");
    }

    /**
     * The blocklist's step when an outside caller is screened out, for the PBX ({@code extension} null) or for that
     * user; else null. A local user's call, one a transfer or pickup continues (the caller was let in already),
     * and an INVITE with Replaces are never screened.
     */
    private RouteStep screened(CallRequest call, String extension) {
        if (call.callerExtension() != null || call.referrer() != null || call.replaces()) return null;
        if (call.origin() != null
                && (call.origin().linkedCallId() != null || call.origin().onBehalfOf() != null)) return null;
        for (CallScreen screen : screens.get()) {
            RouteStep step = screen.screen(call, extension).orElse(null);
            if (step != null) return step;
        }
        return null;
    }

    @Override
    public RouteStep deflect(CallRequest call, String target, String line) {
        Destination to;
        if (target.contains(":")) {
            to = Destination.parse(target, "to");
        } else if (users.exists(target)) {
            to = new Destination.Extension(target);
        } else if (routing.ringGroup(target).isPresent()) {
            to = new Destination.RingGroup(target);
        } else {
            to = numbered.destinationOf(target)
                    .orElse(Destination.NUMBER.matcher(target).matches() ? new Destination.External(target) : null);
        }
        if (to == null) return new RouteStep.Refuse(404, "Not Found");
        if (to instanceof Destination.ParkOrbit o) {
            // parked there on the line's behalf, as its transfer to the park code and orbit would: the orbit's own
            // number is also how a parked call is retrieved, which an empty orbit would refuse ("no call parked")
            CallRequest parked = new CallRequest(
                    call.callId(),
                    call.callerExtension(),
                    call.callerNumber(),
                    call.callerName(),
                    call.dialled(),
                    call.origin(),
                    call.replaces(),
                    line);
            return media.feature(parked, Feature.PARK, o.orbit());
        }
        return toStep(call, to, line, 1);
    }

    /** The step for a destination; {@code forwardedFrom} is the extension whose settings led here. */
    RouteStep toStep(CallRequest call, Destination destination, String forwardedFrom, int hops) {
        return toStep(call, destination, forwardedFrom, hops, ServedDestination.Reason.DIRECT);
    }

    private RouteStep toStep(
            CallRequest call,
            Destination destination,
            String forwardedFrom,
            int hops,
            ServedDestination.Reason reason) {
        if (hops > MAX_HOPS) {
            log.info("Call {} forwarded more than {} times: stopping at {}", call.callId(), MAX_HOPS, destination);
            return new RouteStep.Refuse(480, "Too many forwards");
        }
        if (destination instanceof Destination.Extension e) return ringUser(call, e.extension(), forwardedFrom, hops);
        if (destination instanceof Destination.RingGroup g) return ringGroup(call, g.number(), forwardedFrom, hops);
        if (destination instanceof Destination.External x) {
            // a configured target: the permission class of the user whose setting it is applies
            return external.ring(
                    call,
                    x.number(),
                    forwardedFrom != null ? forwardedFrom : call.callerExtension(),
                    false,
                    forwardedFrom);
        }
        if (destination instanceof Destination.Hangup) return new RouteStep.Refuse(603, "Decline");
        if (destination instanceof Destination.TimeCondition t) {
            // resolved now, at call time; a hop like a forward, so two conditions naming each other end too
            return timeConditions
                    .destinationNow(t.name())
                    .map(d -> toStep(call, d, forwardedFrom, hops + 1))
                    .orElseGet(() -> new RouteStep.Refuse(404, "No time condition " + t.name()));
        }
        return media.step(call, destination, reason); // voicemail, conference, IVR: the media services
    }

    /*
     * A user's own settings decide, in this order: do-not-disturb, forward always, busy (policy ANY), then
     * their phones ring. When that ends busy or unanswered (or nothing is registered), a forward for that
     * case wins; without one, the call goes to their voicemail box when it is on; else the caller gets
     * the phones' answer (486 / 480).
     */
    private RouteStep ringUser(CallRequest call, String ext, String forwardedFrom, int hops) {
        CallSettings s = routing.callSettings(ext).orElse(null);
        if (s == null) return new RouteStep.Refuse(404, "Not Found");
        RouteStep screened = screened(call, ext);
        if (screened != null) return screened;
        if (s.dnd()) return busy(call, s, hops, "Do Not Disturb", ServedDestination.Reason.UNAVAILABLE);
        if (s.forwardAlways() != null) return toStep(call, s.forwardAlways(), ext, hops + 1);
        if (s.busyWhen() == BusyPolicy.ANY && activeCalls.inCall(ext)) {
            return busy(call, s, hops, "Busy Here", ServedDestination.Reason.BUSY);
        }
        List<RingTarget> targets = new ArrayList<>(devices(ext));
        if (s.ringMobile() && s.mobileNumber() != null) {
            RingTarget mobile = external.branch(call, s.mobileNumber(), ext);
            if (mobile != null) targets.add(mobile);
        }
        Destination voicemail = new Destination.Voicemail(ext);
        boolean hasVoicemail = media.available(voicemail);
        if (targets.isEmpty()) {
            // not registered: treated as no answer, so a forward on no answer or voicemail takes it
            if (s.forwardNoAnswer() != null) return toStep(call, s.forwardNoAnswer(), ext, hops + 1);
            if (hasVoicemail) return toStep(call, voicemail, ext, hops + 1, ServedDestination.Reason.UNAVAILABLE);
            return new RouteStep.Refuse(480, "Temporarily Unavailable");
        }
        Duration ringTime =
                s.forwardNoAnswer() != null || hasVoicemail ? Duration.ofSeconds(s.noAnswerSeconds()) : null;
        Function<RingOutcome, RouteStep> next = outcome -> {
            if (outcome.busy()) {
                if (s.forwardBusy() != null) return toStep(call, s.forwardBusy(), ext, hops + 1);
                if (hasVoicemail) return toStep(call, voicemail, ext, hops + 1, ServedDestination.Reason.BUSY);
            } else if (outcome.noAnswer()) {
                if (s.forwardNoAnswer() != null) return toStep(call, s.forwardNoAnswer(), ext, hops + 1);
                if (hasVoicemail) return toStep(call, voicemail, ext, hops + 1, ServedDestination.Reason.UNAVAILABLE);
            }
            return new RouteStep.GiveUp(outcome);
        };
        return new RouteStep.Ring(
                targets, ringTime, next, Destination.Extension.textOf(ext), null, forwardedFrom, null);
    }

    private RouteStep busy(CallRequest call, CallSettings s, int hops, String reason, ServedDestination.Reason why) {
        if (s.forwardBusy() != null) return toStep(call, s.forwardBusy(), s.extension(), hops + 1);
        Destination voicemail = new Destination.Voicemail(s.extension());
        if (media.available(voicemail)) return toStep(call, voicemail, s.extension(), hops + 1, why);
        return new RouteStep.Refuse(486, reason);
    }

    /**
     * Intercom: {@code ext}'s phones are asked to answer at once on the speaker (two-way). Not forwarded, no
     * voicemail: busy (in a call, or do-not-disturb) is 486, nothing registered 480.
     */
    RouteStep intercom(CallRequest call, String ext) {
        CallSettings s = routing.callSettings(ext).orElse(null);
        if (s == null) return new RouteStep.Refuse(404, "Not Found: no extension " + ext);
        if (ext.equals(call.callerExtension())) return new RouteStep.Refuse(403, "Cannot call one's own intercom");
        if (s.dnd() || activeCalls.inCall(ext)) return new RouteStep.Refuse(486, "Busy Here");
        List<RingTarget> targets = devices(ext);
        if (targets.isEmpty()) return new RouteStep.Refuse(480, "Temporarily Unavailable");
        return new RouteStep.Ring(
                targets,
                Duration.ofSeconds(20),
                RouteStep.GiveUp::new,
                Destination.Extension.textOf(ext),
                null,
                null,
                null,
                true);
    }

    private RouteStep ringDevicesOnly(String ext) {
        List<RingTarget> targets = devices(ext);
        if (targets.isEmpty()) return new RouteStep.Refuse(480, "Temporarily Unavailable");
        return new RouteStep.Ring(
                targets, null, RouteStep.GiveUp::new, Destination.Extension.textOf(ext), null, null, null);
    }

    private RouteStep ringGroup(CallRequest call, String number, String forwardedFrom, int hops) {
        RingGroup g = routing.ringGroup(number).orElse(null);
        if (g == null) return new RouteStep.Refuse(404, "Not Found");
        if (g.strategy() == RingGroup.Strategy.SIMULTANEOUS) {
            List<RingTarget> all = new ArrayList<>();
            for (RingGroup.Member m : g.members()) all.addAll(memberTargets(call, m));
            return new RouteStep.Ring(
                    all,
                    Duration.ofSeconds(g.ringSeconds()),
                    outcome -> fallback(call, g, hops),
                    "ringgroup:" + number,
                    number,
                    forwardedFrom,
                    g.callerIdPrefix());
        }
        return hunt(call, g, 0, forwardedFrom, hops);
    }

    /** Sequential strategy: member {@code i} for its ring time, then the next, then the fallback. */
    private RouteStep hunt(CallRequest call, RingGroup g, int i, String forwardedFrom, int hops) {
        for (int k = i; k < g.members().size(); k++) {
            RingGroup.Member m = g.members().get(k);
            List<RingTarget> targets = memberTargets(call, m);
            if (targets.isEmpty()) continue;
            int after = k + 1;
            return new RouteStep.Ring(
                    targets,
                    Duration.ofSeconds(m.ringSeconds()),
                    outcome -> hunt(call, g, after, forwardedFrom, hops),
                    "ringgroup:" + g.number(),
                    g.number(),
                    forwardedFrom,
                    g.callerIdPrefix());
        }
        return fallback(call, g, hops);
    }

    private RouteStep fallback(CallRequest call, RingGroup g, int hops) {
        if (g.fallback() != null) return toStep(call, g.fallback(), null, hops + 1);
        return new RouteStep.Refuse(480, "Nobody in " + g.name() + " answered");
    }

    /** A member's branches: an extension's devices (unless on do-not-disturb), or an external number. */
    private List<RingTarget> memberTargets(CallRequest call, RingGroup.Member m) {
        if (m.destination() instanceof Destination.Extension e) {
            CallSettings s = routing.callSettings(e.extension()).orElse(null);
            if (s == null || s.dnd()) return List.of();
            return devices(e.extension());
        }
        if (m.destination() instanceof Destination.External x) {
            RingTarget t = external.branch(call, x.number(), null);
            return t == null ? List.of() : List.of(t);
        }
        return List.of();
    }

    private List<RingTarget> devices(String ext) {
        List<Binding> bindings = locations.targets(ext);
        return bindings.stream()
                .<RingTarget>map(b -> new RingTarget.Device(ext, b))
                .toList();
    }

    boolean isExtension(String number) {
        return users.exists(number);
    }

    boolean isRingGroup(String number) {
        return routing.ringGroup(number).isPresent();
    }
}
