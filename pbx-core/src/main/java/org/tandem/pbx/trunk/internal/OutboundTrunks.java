package org.tandem.pbx.trunk.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.InvalidSdpException;
import org.tandem.pbx.trunk.CallerIdPolicy;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;

/**
 * The provider side of an outbound call: of the route's trunks, in failover order, those with a free channel and
 * a codec in common with the phone's offer, each as the INVITE it gets (Request-URI at the provider, From with
 * the account or the caller's own number as the trunk's caller ID policy says, P-Asserted-Identity). The
 * {@link TrunkGateway} checks that the order is the proxy's and answers the phone; this class picks the trunks.
 */
final class OutboundTrunks {

    private static final Logger log = LoggerFactory.getLogger(OutboundTrunks.class);

    /** The trunks to try, in order, and those skipped for want of a common codec (for a 488 that says so). */
    record Choice(List<UacTarget> targets, List<String> noCommonCodec) {}

    private final GatewaySip sip;
    private final GatewayCalls calls;
    private final TrunkDirectory trunks;

    OutboundTrunks(GatewaySip sip, GatewayCalls calls, TrunkDirectory trunks) {
        this.sip = sip;
        this.calls = calls;
        this.trunks = trunks;
    }

    /** The trunks of {@code order} that may carry {@code offer} now; an unreadable offer throws. */
    Choice choose(OutboundOrder order, String offer) throws InvalidSdpException {
        List<UacTarget> targets = new ArrayList<>();
        List<String> noCommonCodec = new ArrayList<>();
        for (String id : order.trunks()) {
            Optional<Trunk> trunk = trunks.find(id);
            if (trunk.isEmpty()) continue;
            Integer max = trunk.get().maxChannels();
            if (max != null && calls.activeOn(id) >= max) {
                log.info("Trunk {} is full ({} channels); skipping it for {}", id, max, order.number());
                continue;
            }
            Optional<OfferRestriction.Restricted> restricted = OfferRestriction.forTrunk(offer, trunk.get());
            if (restricted.isEmpty()) {
                log.info(
                        "Trunk {} allows {}; the offer for {} has none of them: skipping the trunk",
                        id,
                        trunk.get().codecs(),
                        order.number());
                noCommonCodec.add(id);
                continue;
            }
            try {
                targets.add(target(trunk.get(), order, restricted.get().sdp()));
            } catch (ParseException e) {
                log.warn("Cannot call {} through trunk {}: {}", order.number(), id, e.getMessage());
            }
        }
        return new Choice(targets, noCommonCodec);
    }

    private UacTarget target(Trunk t, OutboundOrder order, String offer) throws ParseException {
        SipURI ruri = sip.transports().addressFactory().createSipURI(order.number(), t.host());
        ruri.setPort(t.port());
        if (!"udp".equals(t.transport())) ruri.setTransportParam(t.transport());
        String account = t.callerId() != null ? t.callerId() : t.username();
        boolean callersOwn = t.callerIdPolicy() == CallerIdPolicy.CALLER && order.callerId() != null;
        String presented = callersOwn ? order.callerId() : account;
        if (presented == null) presented = "anonymous";
        Address from = sip.address("<sip:" + presented + "@" + t.domain() + ">");
        if (callersOwn && order.callerName() != null) from.setDisplayName(order.callerName());
        Address to = sip.address("<sip:" + order.number() + "@" + t.domain() + ">");
        String asserted = order.callerId() != null ? order.callerId() : presented;
        List<Header> extra = new ArrayList<>();
        if (t.assertIdentity()) {
            // RFC 3325 §9.1: the identity the provider may show when From carries the account
            extra.add(sip.headers().createHeader("P-Asserted-Identity", "<sip:" + asserted + "@" + t.domain() + ">"));
        }
        return new UacTarget(
                t.id(),
                order.number(),
                ruri,
                new HopImpl(t.host(), t.port(), t.transport().toUpperCase(Locale.ROOT)),
                t.transport(),
                from,
                to,
                callId -> extra.stream().map(h -> (Header) h.clone()).toList(),
                t.digestUser(),
                trunks.password(t.id()).orElse(null),
                offer);
    }
}
