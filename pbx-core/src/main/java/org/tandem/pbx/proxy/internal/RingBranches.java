package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.forwarding.FlowTokens;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.routing.AutoAnswer;
import org.tandem.pbx.routing.RingTarget;
import org.tandem.pbx.routing.RouteStep;

/**
 * Builds the copies of an INVITE for one ring step (RFC 3261 §16.6 steps 1–8): Request-URI set to
 * the target, Record-Route (with the caller's flow), our Via; plus the ring group's caller-ID prefix.
 */
final class RingBranches {

    private static final Logger log = LoggerFactory.getLogger(RingBranches.class);

    /**
     * @param providerHost for a branch to the trunk gateway: where the call leaves (see ExternalRoute.Through); else null
     * @param trunk        for a branch to the trunk gateway: the trunk the call is placed on first; else null
     */
    record Built(
            Request copy,
            Hop hop,
            String label,
            String extension,
            boolean outside,
            String providerHost,
            String trunk) {}

    private final Forwarder forwarder;
    private final String inboundTransport;
    /** the caller's (previous hop's) address: our Record-Route facing it names us as it reaches us */
    private final String inboundSource;

    private final String flow;
    private final String loopHash;

    RingBranches(Forwarder forwarder, String inboundTransport, String inboundSource, String flow, String loopHash) {
        this.forwarder = forwarder;
        this.inboundTransport = inboundTransport;
        this.inboundSource = inboundSource;
        this.flow = flow;
        this.loopHash = loopHash;
    }

    List<Built> build(Request request, RouteStep.Ring ring) {
        List<Built> built = new ArrayList<>();
        for (RingTarget target : ring.targets()) {
            Built b = target instanceof RingTarget.Device d
                    ? device(request, d)
                    : target instanceof RingTarget.Pickup p
                            ? pickup(request, p)
                            : outside(request, (RingTarget.Outside) target);
            if (b == null) continue;
            if (ring.displayPrefix() != null) prefixDisplayName(b.copy(), ring.displayPrefix());
            autoAnswer(b.copy(), ring.autoAnswer() && target instanceof RingTarget.Device);
            built.add(b);
        }
        return built;
    }

    private Built device(Request request, RingTarget.Device device) {
        URI target = forwarder.parseContact(device.binding().contactUri());
        if (target == null) return null;
        Request copy = forwarder.copy(request, target);
        Hop hop = Forwarder.hopOf(device.binding());
        forwarder
                .routes()
                .recordRoute(
                        copy,
                        inboundTransport,
                        device.binding().transport(),
                        inboundSource,
                        device.binding().sourceAddress(),
                        flow,
                        calleeFlow(copy, hop));
        forwarder.addVia(
                copy, device.binding().transport(), forwarder.branches().newBranch(loopHash));
        return new Built(copy, hop, device.label(), device.extension(), false, null, null);
    }

    private Built outside(Request request, RingTarget.Outside outside) {
        Request copy = forwarder.copy(request, outside.route().requestUri());
        for (Header h : outside.route().headers()) copy.addHeader((Header) h.clone());
        Hop hop = outside.route().hop();
        forwarder
                .routes()
                .recordRoute(copy, inboundTransport, hop.getTransport(), inboundSource, hop.getHost(), flow, null);
        forwarder.addVia(copy, hop.getTransport(), forwarder.branches().newBranch(loopHash));
        return new Built(
                copy,
                hop,
                outside.label(),
                null,
                true,
                outside.route().providerHost(),
                outside.route().trunk());
    }

    /** RFC 3891 §3: to the waiting caller, replacing its ringing early dialog; Require makes a UA without it say 420. */
    private Built pickup(Request request, RingTarget.Pickup pickup) {
        URI target = forwarder.parseContact(pickup.callerUri());
        if (target == null) return null;
        Request copy = forwarder.copy(request, target);
        try {
            copy.setHeader(forwarder.transports().headerFactory().createHeader("Replaces", pickup.replaces()));
            copy.addHeader(forwarder.transports().headerFactory().createRequireHeader("replaces"));
        } catch (ParseException e) {
            log.info("Cannot build the pickup INVITE: {}", e.getMessage());
            return null;
        }
        String transport = pickup.hop().getTransport().toLowerCase(Locale.ROOT);
        forwarder
                .routes()
                .recordRoute(
                        copy,
                        inboundTransport,
                        transport,
                        inboundSource,
                        pickup.hop().getHost(),
                        flow,
                        calleeFlow(copy, pickup.hop()));
        forwarder.addVia(copy, transport, forwarder.branches().newBranch(loopHash));
        return new Built(copy, pickup.hop(), pickup.label(), null, false, null, null);
    }

    /** The flow a phone is rung on, for the Record-Route facing it (RFC 5626 §5.3, see {@link FlowTokens}). */
    private String calleeFlow(Request copy, Hop hop) {
        return forwarder.flows().encode(hop, ((CallIdHeader) copy.getHeader(CallIdHeader.NAME)).getCallId());
    }

    /**
     * Intercom and paging: the vendors' auto-answer headers ({@link AutoAnswer}). Every other branch loses any such
     * header the caller sent: only the PBX may open a phone's microphone.
     */
    private void autoAnswer(Request copy, boolean wanted) {
        // RFC 5373 Answer-Mode / Priv-Answer-Mode: a caller's request to be answered at once never reaches a phone
        for (String name : AutoAnswer.CALLER_ANSWER_MODE_HEADERS) copy.removeHeader(name);
        for (String name : new String[] {"Call-Info", "Alert-Info"}) {
            List<String> kept = new ArrayList<>();
            ListIterator<?> it = copy.getHeaders(name);
            boolean removed = false;
            while (it.hasNext()) {
                String h = it.next().toString();
                String value = h.substring(h.indexOf(':') + 1).strip();
                if (AutoAnswer.asksForAutoAnswer(value)) removed = true;
                else kept.add(value);
            }
            if (!removed && !wanted) continue;
            copy.removeHeader(name);
            try {
                for (String v : kept)
                    copy.addHeader(forwarder.transports().headerFactory().createHeader(name, v));
                if (wanted) {
                    for (String[] h : AutoAnswer.headers(domainOf(copy))) {
                        if (h[0].equals(name))
                            copy.addHeader(
                                    forwarder.transports().headerFactory().createHeader(h[0], h[1]));
                    }
                }
            } catch (ParseException e) {
                log.info("Cannot set {} for auto-answer: {}", name, e.getMessage());
            }
        }
    }

    private static String domainOf(Request copy) {
        var to = ((ToHeader) copy.getHeader(ToHeader.NAME)).getAddress().getURI();
        return to instanceof SipURI sip ? sip.getHost() : "localhost";
    }

    /** Ring group caller-ID prefix: the display name only, so the dialog identifiers (tags) are untouched. */
    private static void prefixDisplayName(Request copy, String prefix) {
        FromHeader from = (FromHeader) copy.getHeader(FromHeader.NAME);
        Address address = from.getAddress();
        String name = address.getDisplayName();
        if (name == null || name.isBlank()) {
            name = address.getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "";
        }
        try {
            address.setDisplayName(prefix + name);
        } catch (ParseException e) {
            log.debug("Cannot prefix the display name with {}: {}", prefix, e.getMessage());
        }
    }
}
