package org.tandem.pbx.proxy.internal;

import java.util.List;
import java.util.Optional;
import org.tandem.pbx.routing.CallPickup;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * Call pickup through the proxy (the way sipXecs did it): the picker's INVITE goes to the waiting
 * caller with {@code Replaces: <call-id>;to-tag=<ringing phone>;from-tag=<caller>;early-only}
 * (RFC 3891 §3). The caller's UA accepts it in place of the ringing early dialog and CANCELs its
 * original INVITE, which stops the other phones ringing.
 */
public final class ProxyPickup implements CallPickup {

    private final RingingCalls ringing;
    private final RoutingDirectory routing;

    public ProxyPickup(RingingCalls ringing, RoutingDirectory routing) {
        this.ringing = ringing;
        this.routing = routing;
    }

    @Override
    public RouteStep pickUp(CallRequest picker, String extension) {
        return pick(picker, ringing.oldest(extension::equals), "pickup:" + extension);
    }

    @Override
    public RouteStep pickUpInGroup(CallRequest picker) {
        String group = routing.callSettings(picker.callerExtension()).map(CallSettings::pickupGroup).orElse(null);
        if (group == null) return new RouteStep.Refuse(404, "Not in a pickup group");
        return pick(picker, ringing.oldest(ext -> !ext.equals(picker.callerExtension())
                && group.equals(routing.callSettings(ext).map(CallSettings::pickupGroup).orElse(null))),
                "pickup:group:" + group);
    }

    private RouteStep pick(CallRequest picker, Optional<RingingCalls.Ringing> found, String destination) {
        if (found.isEmpty() || !ringing.claim(found.get())) return new RouteStep.Refuse(480, "No call to pick up");
        RingingCalls.Ringing r = found.get();
        if (r.callId().equals(picker.callId())) return new RouteStep.Refuse(480, "No call to pick up");
        String replaces = r.callId() + ";to-tag=" + r.toTag() + ";from-tag=" + r.callerTag() + ";early-only";
        RingTarget target = new RingTarget.Pickup(r.callerUri(), r.callerHop(), replaces, r.callId(), r.callerNumber());
        return new RouteStep.Ring(List.of(target), null, RouteStep.GiveUp::new, destination, null, null, null);
    }
}
