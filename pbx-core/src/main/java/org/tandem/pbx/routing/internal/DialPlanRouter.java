package org.tandem.pbx.routing.internal;

import java.util.List;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;

/**
 * The dial plan: what a dialled number means (a local extension first, else an external number
 * through the outbound routes), and what each destination turns into.
 */
public final class DialPlanRouter implements CallRouter {

    private final UserDirectory users;
    private final LocationService locations;
    private final ExternalCalls external;

    public DialPlanRouter(UserDirectory users, LocationService locations, ExternalCalls external) {
        this.users = users;
        this.locations = locations;
        this.external = external;
    }

    @Override
    public RouteStep route(CallRequest call) {
        Destination destination = resolveDialled(call);
        if (destination == null) return new RouteStep.Refuse(404, "Not Found");
        return toStep(call, destination);
    }

    private Destination resolveDialled(CallRequest call) {
        String dialled = call.dialled();
        if (call.origin() != null && call.origin().destination() != null) {
            return Destination.parse(call.origin().destination(), "destination");
        }
        if (users.exists(dialled)) return new Destination.Extension(dialled);
        // an external number only for a local caller, or a call this process vouches for: never for an
        // anonymous outside caller (no toll fraud through an open relay)
        if ((call.callerExtension() != null || call.origin() != null) && Destination.NUMBER.matcher(dialled).matches()) {
            return new Destination.External(dialled);
        }
        return null;
    }

    RouteStep toStep(CallRequest call, Destination destination) {
        if (destination instanceof Destination.Extension e) return ringExtension(e);
        if (destination instanceof Destination.External x) return ringExternal(call, x, true);
        if (destination instanceof Destination.Hangup) return new RouteStep.Refuse(603, "Decline");
        return new RouteStep.Refuse(480, "Not available yet: " + destination);
    }

    private RouteStep ringExtension(Destination.Extension e) {
        if (!users.exists(e.extension())) return new RouteStep.Refuse(404, "Not Found");
        List<Binding> bindings = locations.lookup(e.extension());
        if (bindings.isEmpty()) return new RouteStep.Refuse(480, "Temporarily Unavailable");
        List<RingTarget> targets = bindings.stream().<RingTarget>map(b -> new RingTarget.Device(e.extension(), b)).toList();
        return new RouteStep.Ring(targets, null, RouteStep.GiveUp::new, e.toString(), null, null, null);
    }

    private RouteStep ringExternal(CallRequest call, Destination.External x, boolean dialled) {
        ExternalRoute route = external.route(new ExternalCallRequest(call.callId(), call.callerExtension(),
                call.callerNumber(), call.callerName(), x.number(), dialled,
                call.origin() == null ? null : call.origin().trunk()));
        if (route instanceof ExternalRoute.Refused r) return new RouteStep.Refuse(r.status(), r.reason());
        ExternalRoute.Through t = (ExternalRoute.Through) route;
        return new RouteStep.Ring(List.of(new RingTarget.Outside(x.number(), t)), null,
                RouteStep.GiveUp::new, x.toString(), null, null, null);
    }
}
