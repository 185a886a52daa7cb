package org.tandem.pbx.paging.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tandem.media.MediaEngine;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.ActiveCalls;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.ua.MediaCalls;

/**
 * {@code page:<group>} (and the group's number dialled): the members who can be paged now are chosen (not the
 * caller, not on do-not-disturb, not in a call by the proxy's dialog state, with a phone registered over UDP, TCP or
 * TLS), the caller is answered and every registered phone of theirs is called at once ({@link Page}). With nobody to
 * page the call is refused with 480. A multicast group's caller is answered at once and heard on the group's
 * address ({@link MulticastPage}).
 */
@Component
public class PagingService implements ServedDestination {

    /** How long member phones may take to answer (they answer by themselves, at once, when they allow it). */
    static final Duration RING_TIME = Duration.ofSeconds(15);

    private final PagingGroups groups;
    private final RoutingDirectory routing;
    private final ActiveCalls activeCalls;
    private final LocationService locations;
    private final MediaCalls calls;
    private final MediaEngine engine;
    private final SipTransports transports;
    private final SipDomain domain;
    private volatile NetworkInterface multicastVia;
    private final CallEvents events;
    private final PagingMetrics metrics;

    public PagingService(
            PagingGroups groups,
            RoutingDirectory routing,
            ActiveCalls activeCalls,
            LocationService locations,
            MediaCalls calls,
            MediaEngine engine,
            SipTransports transports,
            SipDomain domain,
            CallEvents events,
            PagingMetrics metrics) {
        this.engine = engine;
        this.transports = transports;
        this.groups = groups;
        this.routing = routing;
        this.activeCalls = activeCalls;
        this.locations = locations;
        this.calls = calls;
        this.domain = domain;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.Paging;
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String number = ((Destination.Paging) destination).group();
        PagingGroup group = groups.find(number).orElse(null);
        if (group == null) return new RouteStep.Refuse(404, "No paging group " + number);
        String label = destination.toString();
        if (group.isMulticast()) {
            return new RouteStep.Serve(
                    (invite, server, request) -> calls.answer(
                            invite,
                            server,
                            label,
                            new MulticastPage(this, number, group.multicast(), multicastInterface())),
                    label);
        }
        List<Page.Target> targets = targets(group, call.callerExtension());
        if (targets.isEmpty()) {
            return new RouteStep.Refuse(480, "Nobody in paging group " + group.name() + " can be paged now");
        }
        return new RouteStep.Serve(
                (invite, server, request) ->
                        calls.answer(invite, server, label, new Page(this, number, request, targets)),
                label);
    }

    /**
     * Every phone of every member who can be paged now (on the call's stripe: from memory only); each member left
     * out is counted with the reason ({@link PagingMetrics}).
     */
    List<Page.Target> targets(PagingGroup group, String caller) {
        List<Page.Target> out = new ArrayList<>();
        for (String ext : group.members()) {
            if (ext.equals(caller)) continue;
            CallSettings s = routing.callSettings(ext).orElse(null);
            if (s == null) continue;
            if (s.dnd()) {
                metrics.memberSkipped(group.number(), PagingMetrics.Skipped.DND);
                continue;
            }
            if (activeCalls.inCall(ext)) {
                metrics.memberSkipped(group.number(), PagingMetrics.Skipped.BUSY);
                continue;
            }
            int phones = out.size();
            for (Binding b : locations.targets(ext)) {
                // a browser (WebSocket) needs DTLS-SRTP through the relay, which a page leg does not set up
                if (!b.transport().toLowerCase(Locale.ROOT).startsWith("ws")) out.add(new Page.Target(ext, b));
            }
            if (out.size() == phones) metrics.memberSkipped(group.number(), PagingMetrics.Skipped.UNREGISTERED);
        }
        return out;
    }

    /**
     * The interface multicast pages leave by: the one holding the address phones reach Tandem's SIP at (they are on
     * that network); null when no interface holds it (e.g. a public address forwarded by a router): routing chooses.
     * Looked up once, from the numeric address only (no name lookup on the call's stripe).
     */
    private NetworkInterface multicastInterface() {
        NetworkInterface via = multicastVia;
        if (via != null) return via;
        try {
            InetAddress local = MediaCalls.numericAddress(transports.advertisedHost());
            via = local == null ? null : NetworkInterface.getByInetAddress(local);
        } catch (SocketException e) {
            via = null;
        }
        multicastVia = via;
        return via;
    }

    MediaEngine engine() {
        return engine;
    }

    MediaCalls calls() {
        return calls;
    }

    SipDomain domain() {
        return domain;
    }

    CallEvents events() {
        return events;
    }

    PagingMetrics metrics() {
        return metrics;
    }
}
