package org.tandem.pbx.park.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.Header;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserLanguage;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.routing.TrustedOrigin;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCalls;

/**
 * Call park in the dial plan. The park code (*70) parks the calling leg in the next free orbit (followed by an
 * orbit, *70691: in that one): reached by a
 * blind transfer (the INVITE carries Referred-By: the parker) the transferred caller waits on music; dialled
 * directly (the first half of an attended transfer) the orbit is announced, and the INVITE with Replaces
 * (RFC 3891) that completes the transfer puts the transferred caller into that orbit. Dialling an orbit
 * retrieves its call (or parks a transferred call there when it is free).
 */
@Component
public class ParkService implements FeatureService, ServedDestination {

    private final CallPark park;
    private final ParkLot lot;
    private final MediaCalls calls;
    private final Prompts prompts;
    private final SipDomain domain;
    private final UserLanguage languages;

    public ParkService(
            CallPark park, ParkLot lot, MediaCalls calls, Prompts prompts, SipDomain domain, UserLanguage languages) {
        this.languages = languages;
        this.park = park;
        this.lot = lot;
        this.calls = calls;
        this.prompts = prompts;
        this.domain = domain;
    }

    @Override
    public boolean serves(Feature feature) {
        return feature == Feature.PARK;
    }

    @Override
    public RouteStep step(CallRequest call, Feature feature, String argument) {
        ParkSettings s = park.settings();
        if (!s.enabled()) return new RouteStep.Refuse(480, "Call park is off (no orbits set up)");
        // the code followed by an orbit parks in that one: a target that cannot be taken for a retrieval
        String orbit = argument == null || argument.isEmpty() ? null : argument;
        if (orbit != null && !s.isOrbit(orbit)) return new RouteStep.Refuse(404, "No park orbit " + orbit);
        // the step's call: a ringing call the operator sends to an orbit carries the line as its referrer (the parker)
        return new RouteStep.Serve(
                (invite, server, request) -> parkHere(invite, server, call, s, orbit),
                orbit == null ? "park" : "park:" + orbit);
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.ParkOrbit;
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String orbit = ((Destination.ParkOrbit) destination).orbit();
        ParkSettings s = park.settings();
        if (!s.isOrbit(orbit)) return new RouteStep.Refuse(404, "No park orbit " + orbit);
        return new RouteStep.Serve(
                (invite, server, request) -> orbitDialled(invite, server, request, s, orbit), destination.toString());
    }

    private void orbitDialled(
            InboundRequest invite, ServerTransaction server, CallRequest request, ParkSettings s, String orbit) {
        ParkedCall waiting = lot.take(orbit);
        if (waiting != null && waiting.call != null) {
            MediaCall retriever = calls.answer(invite, server, "park:" + orbit, new RetrieverLeg(waiting, calls));
            if (retriever == null) lot.claim(orbit, waiting); // could not answer the retriever: it stays parked
            return;
        }
        if (waiting != null) lot.claim(orbit, waiting); // still being answered: not retrievable yet
        if (referred(invite, request)) {
            parkHere(invite, server, request, s, orbit); // a transfer to a free orbit parks there
            return;
        }
        // in the caller's language (the system language for an outside caller)
        LanguagePrompts said = prompts.in(languages.of(request.callerExtension()));
        calls.answer(
                invite,
                server,
                "park:" + orbit,
                started -> started.sayAndHangUp(said.all("park-orbit-empty", "goodbye"), "No call parked"));
    }

    /** Parks the calling leg in {@code orbit}, or the next free one when null. */
    private void parkHere(
            InboundRequest invite, ServerTransaction server, CallRequest request, ParkSettings s, String orbit) {
        String replaced = replacedCallId(invite);
        Optional<ParkedCall> replacing = replaced == null ? Optional.empty() : lot.byCallId(replaced);
        String parker = replacing.map(p -> p.parker).orElseGet(() -> {
            String by = referrer(invite, request);
            return by != null ? by : request.callerExtension();
        });
        ParkedCall parked = new ParkedCall(request.callerNumber(), request.callerName(), parker, Instant.now());
        if (replacing.isPresent()) {
            // RFC 3891: the transferred caller takes the place (and orbit) of the dialog it replaces
            ParkedCall old = replacing.get();
            if (!lot.release(old) || !lot.claim(old.orbit, parked)) {
                calls.refuse(invite, server, 481, "The parked call to replace is gone");
                return;
            }
            MediaCall oldLeg = old.call;
            oldLeg.execute(() -> oldLeg.hangUp("Replaced"));
        } else {
            boolean claimed = orbit != null
                    ? lot.claim(orbit, parked)
                    : lot.claimFree(s, parked).isPresent();
            if (!claimed) {
                calls.refuse(
                        invite,
                        server,
                        486,
                        orbit != null ? "Orbit " + orbit + " is in use" : "Every park orbit is in use");
                return;
            }
        }
        boolean announce = replacing.isEmpty() && !referred(invite, request);
        MediaCall call = calls.answer(
                invite,
                server,
                "park:" + parked.orbit,
                new ParkedLeg(parked, announce, s, prompts.in(languages.of(parker)), lot, domain.current()));
        if (call == null) lot.release(parked);
        else parked.call = call;
    }

    /**
     * Whether the caller was transferred here: its INVITE carries Referred-By, or the proxy saw (or sent, for the
     * operator panel) the REFER that asked it to call, since a phone need not copy Referred-By (RFC 3892 §3).
     */
    private static boolean referred(InboundRequest invite, CallRequest request) {
        return referredBy(invite) != null || request.referrer() != null;
    }

    /** The local user who transferred the caller here (the parker), or null when none or no local user. */
    private static String referrer(InboundRequest invite, CallRequest request) {
        String by = referredBy(invite);
        if (by != null) return by;
        String referrer = request.referrer();
        return referrer == null || TrustedOrigin.NOBODY.equals(referrer) ? null : referrer;
    }

    /** The user part of the Referred-By header (RFC 3892): who transferred this caller here; null without one. */
    static String referredBy(InboundRequest invite) {
        Header h = invite.request().getHeader("Referred-By");
        if (h == null) return null;
        String v = h.toString();
        int sip = v.toLowerCase(Locale.ROOT).indexOf("sip:");
        if (sip < 0) return null;
        String rest = v.substring(sip + 4);
        int at = rest.indexOf('@');
        return at > 0 ? rest.substring(0, at) : null;
    }

    /** The Call-ID of the dialog a Replaces header names (RFC 3891 §6.1), or null. */
    static String replacedCallId(InboundRequest invite) {
        Header h = invite.request().getHeader("Replaces");
        if (h == null) return null;
        String v = h.toString();
        v = v.substring(v.indexOf(':') + 1).strip();
        int semi = v.indexOf(';');
        return semi > 0 ? v.substring(0, semi).strip() : v;
    }
}
