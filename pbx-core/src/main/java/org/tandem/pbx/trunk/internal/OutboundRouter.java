package org.tandem.pbx.trunk.internal;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.trunk.DialPattern;
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.PermissionClass;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProperties;
import org.tandem.pbx.trunk.UserOutbound;

/**
 * Decides how an external number leaves the PBX: the first outbound route whose pattern matches (an
 * emergency number takes the first route that can carry it, whatever the caller may otherwise call),
 * the caller's permission class against the route's, the caller ID; then sends the proxy to the trunk
 * gateway in this process with a signed {@link OutboundOrder}. Runs on the call's stripe, from memory.
 */
@Component
public class OutboundRouter implements ExternalCalls {

    private static final Logger log = LoggerFactory.getLogger(OutboundRouter.class);

    private final OutboundRoutes routes;
    private final TrunkDirectory trunks;
    private final TrunkProperties props;
    private final LoopbackSignatures signatures;
    private final SipTransports transports;

    public OutboundRouter(
            OutboundRoutes routes,
            TrunkDirectory trunks,
            TrunkProperties props,
            LoopbackSignatures signatures,
            SipTransports transports) {
        this.routes = routes;
        this.trunks = trunks;
        this.props = props;
        this.signatures = signatures;
        this.transports = transports;
    }

    /** A route chosen for a number, the number as it goes out, and whether the route's prepend applies. */
    record Choice(OutboundRoute route, String number, boolean prepend) {}

    @Override
    public ExternalRoute route(ExternalCallRequest request) {
        String dialled = request.number() == null ? "" : request.number().replaceAll("[\\s()-]", "");
        boolean emergency = props.emergencyNumbers().contains(dialled);
        Optional<Choice> choice = emergency ? emergencyRoute(dialled) : choose(dialled, request.dialledByUser());
        if (choice.isEmpty()) {
            log.info("No outbound route for {} (call {})", dialled, request.callId());
            return new ExternalRoute.Refused(404, "No outbound route matches " + dialled);
        }
        OutboundRoute route = choice.get().route();
        // no caller extension: a call this process vouches for (a DID routed out by the admin)
        Optional<UserOutbound> user =
                request.callerExtension() == null ? Optional.empty() : routes.userSettings(request.callerExtension());
        if (forwardsOutsideCallerOut(request) && !routes.forwardsExternalCallers(request.callerExtension())) {
            log.info(
                    "{} may not forward outside caller {} to {} (call {}): forwarding external callers is off",
                    request.callerExtension(),
                    request.callerNumber(),
                    dialled,
                    request.callId());
            return new ExternalRoute.Refused(
                    403,
                    "Forbidden: " + request.callerExtension() + " may not forward "
                            + "outside callers to external numbers (permission 'forward external callers' is off)");
        }
        PermissionClass has = routes.permissionOf(request.callerExtension());
        if (!emergency && request.callerExtension() != null && !has.allows(route.permission())) {
            log.info(
                    "{} may not call {}: route {} needs {}, the user has {}",
                    request.callerExtension(),
                    dialled,
                    route.id(),
                    route.permission().text(),
                    has.text());
            return new ExternalRoute.Refused(
                    403,
                    "Forbidden: calls to " + dialled + " need permission class "
                            + route.permission().text() + ", " + request.callerExtension() + " has " + has.text());
        }
        List<String> usable =
                route.trunks().stream().filter(t -> trunks.find(t).isPresent()).toList();
        if (usable.isEmpty()) {
            return new ExternalRoute.Refused(503, "No trunk of outbound route " + route.id() + " exists");
        }
        String callerId = user.map(UserOutbound::callerId).orElse(null);
        if (callerId == null) callerId = route.callerId();
        if (callerId == null) callerId = request.callerNumber();
        String number = (route.prepend() == null || !choice.get().prepend() ? "" : route.prepend())
                + choice.get().number();
        OutboundOrder order =
                new OutboundOrder(usable, number, callerId, request.callerName(), request.callerExtension());
        try {
            SipURI target = transports.addressFactory().createSipURI(number, transports.advertisedHost());
            target.setPort(transports.port("udp"));
            Header header = transports
                    .headerFactory()
                    .createHeader(OutboundOrder.HEADER, signatures.sign(request.callId(), order.encode()));
            String provider = trunks.find(usable.get(0)).map(Trunk::host).orElse(null);
            return new ExternalRoute.Through(
                    target, GatewaySip.selfHop(transports), List.of(header), dialled, provider, usable.get(0));
        } catch (ParseException e) {
            log.warn("Cannot build the trunk request for {}: {}", number, e.getMessage());
            return new ExternalRoute.Refused(404, "Cannot dial " + dialled);
        }
    }

    /**
     * A user's configured target (forward, ring my mobile too) for a caller who is not a local user: trunk to
     * trunk, the way most toll fraud leaves a PBX, so it needs a permission of its own besides the class
     * (issue 22). A number a user dialled or transferred to is their class's business only.
     */
    private static boolean forwardsOutsideCallerOut(ExternalCallRequest request) {
        return request.outsideCaller() && !request.dialledByUser() && request.callerExtension() != null;
    }

    /** The first route with a pattern that matches (configured numbers: the part after | only, no strip). */
    Optional<Choice> choose(String number, boolean dialledByUser) {
        for (OutboundRoute route : routes.list()) {
            for (String p : route.patterns()) {
                DialPattern pattern = DialPattern.parse(p, "patterns");
                if (dialledByUser) {
                    Optional<String> out = pattern.match(number);
                    if (out.isPresent()) return Optional.of(new Choice(route, out.get(), true));
                } else if (pattern.matchesWithoutPrefix(number)) {
                    return Optional.of(new Choice(route, number, true)); // the provider still needs the prepend
                }
            }
        }
        return Optional.empty();
    }

    /** Emergency numbers: the first route with a matching pattern, else the first route; never refused by class. */
    private Optional<Choice> emergencyRoute(String number) {
        Optional<Choice> matching = choose(number, true);
        if (matching.isPresent()) return matching;
        // no pattern for it: the first route that has a trunk, the number exactly as dialled
        return routes.list().stream()
                .filter(r -> r.trunks().stream().anyMatch(t -> trunks.find(t).isPresent()))
                .findFirst()
                .map(r -> new Choice(r, number, false));
    }
}
