package org.tandem.pbx.proxy.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        String group = routing.callSettings(picker.callerExtension())
                .map(CallSettings::pickupGroup)
                .orElse(null);
        if (group == null) return new RouteStep.Refuse(404, "Not in a pickup group");
        return pick(
                picker,
                ringing.oldest(ext -> !ext.equals(picker.callerExtension())
                        && group.equals(routing.callSettings(ext)
                                .map(CallSettings::pickupGroup)
                                .orElse(null))),
                "pickup:group:" + group);
    }

    /**
     * A busy-lamp key pressed while the watched phone rings: the phone sends an INVITE with Replaces naming the
     * ringing call, built from the lamp's dialog-info (RFC 4235 §4.1: call-id, local-tag, remote-tag). Yealink and
     * Polycom put {@code to-tag=<local-tag>;from-tag=<remote-tag>}, Snom only the Call-ID, and they send it to the
     * remote target (the caller) or to the watched extension. Whatever the form, a Replaces that names a call
     * ringing now, with tags (if any) of that very early dialog, is a pickup of it: the caller is sent the
     * canonical Replaces through its own flow, as for the pickup codes. Empty when it names no ringing call
     * (an attended transfer's Replaces, which goes to its target unchanged).
     */
    static Optional<RouteStep> fromLamp(RingingCalls ringing, CallRequest picker, String replaces) {
        String[] parts = replaces.split(";");
        String callId = parts[0].strip();
        Optional<RingingCalls.Ringing> found = ringing.byCallId(callId);
        if (found.isEmpty()) return Optional.empty();
        Set<String> tags = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            if (kv.length == 2 && (kv[0].equalsIgnoreCase("to-tag") || kv[0].equalsIgnoreCase("from-tag"))) {
                tags.add(kv[1].strip());
            }
        }
        RingingCalls.Ringing r = found.get();
        // the lamp names the early dialog from the watched phone's side, so the two tags may come either way round
        if (!tags.isEmpty() && !Set.of(r.toTag(), r.callerTag()).containsAll(tags)) return Optional.empty();
        return Optional.of(pick(ringing, picker, found, "pickup:" + r.extension()));
    }

    private RouteStep pick(CallRequest picker, Optional<RingingCalls.Ringing> found, String destination) {
        return pick(ringing, picker, found, destination);
    }

    private static RouteStep pick(
            RingingCalls ringing, CallRequest picker, Optional<RingingCalls.Ringing> found, String destination) {
        if (found.isEmpty() || !ringing.claim(found.get())) return new RouteStep.Refuse(480, "No call to pick up");
        RingingCalls.Ringing r = found.get();
        if (r.callId().equals(picker.callId())) return new RouteStep.Refuse(480, "No call to pick up");
        String replaces = r.callId() + ";to-tag=" + r.toTag() + ";from-tag=" + r.callerTag() + ";early-only";
        RingTarget target = new RingTarget.Pickup(r.callerUri(), r.callerHop(), replaces, r.callId(), r.callerNumber());
        return new RouteStep.Ring(List.of(target), null, RouteStep.GiveUp::new, destination, null, null, null);
    }
}
