package org.tandem.pbx.clicktocall;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.tandem.pbx.clicktocall.internal.PhoneLeg;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Click-to-call: {@link #start(String, String)} rings the user's phone (its most preferred registration over UDP,
 * TCP or TLS) and, when the user answers, has the phone call {@code to} itself (REFER, RFC 3515). The REST API, the
 * portal and the operator panel call this; the work runs on the new call's Call-ID stripe.
 */
@Service
public class ClickToCall {

    /** What may be dialled: the digits and signs of a dial string, or a user part of a SIP URI. */
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9*#+._-]{1,64}");
    /** How long the user's phone rings before Tandem gives up (CANCEL). */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
    /** Finished attempts stay visible this long, then are forgotten. */
    private static final Duration KEEP = Duration.ofMinutes(10);

    private final Map<String, PhoneLeg> legs = new ConcurrentHashMap<>();
    private final UserDirectory users;
    private final LocationService location;
    private final SipTransports transports;
    private final SerialExecutors stripes;
    private final ScheduledExecutorService timer;
    private final SipResponder responder;
    private final SipDomain domain;

    public ClickToCall(
            UserDirectory users,
            LocationService location,
            SipTransports transports,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            @Qualifier("clickToCallTimer") ScheduledExecutorService timer,
            SipResponder responder,
            SipDomain domain) {
        this.responder = responder;
        this.domain = domain;
        this.users = users;
        this.location = location;
        this.transports = transports;
        this.stripes = stripes;
        this.timer = timer;
    }

    /**
     * Starts a click-to-call from user {@code from} to {@code to}.
     *
     * @throws InvalidInputException       for an unknown user or a target that is no dial string (by field)
     * @throws NoPhoneRegisteredException  when no phone of {@code from} can be rung
     */
    public ClickToCallStatus start(String from, String to) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        String target = to == null ? "" : to.strip().replace(" ", "");
        if (from == null || !users.exists(from)) errors.put("from", FieldError.of("common.no-user", from));
        if (!TARGET.matcher(target).matches()) {
            errors.put("to", FieldError.of("click-to-call.target"));
        } else if (target.equals(from)) {
            errors.put("to", FieldError.of("click-to-call.own-extension"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        Binding phone = location.targets(from).stream()
                .filter(b -> !b.transport().toLowerCase().startsWith("ws"))
                .findFirst()
                .orElseThrow(() -> new NoPhoneRegisteredException("No phone of " + from
                        + " is registered (over UDP, TCP or TLS) to be rung; register one and try again"));
        forgetOld();
        String callId = "c2c-" + UUID.randomUUID() + "@" + transports.advertisedHost();
        PhoneLeg leg = new PhoneLeg(
                callId,
                from,
                target,
                domain.current(),
                phone,
                Instant.now(),
                transports,
                responder,
                stripes,
                timer,
                RING_TIMEOUT);
        legs.put(callId, leg);
        if (!stripes.execute(callId, leg::ring)) {
            legs.remove(callId);
            throw new NoPhoneRegisteredException("Tandem is overloaded: try again in a moment");
        }
        return leg.status();
    }

    public Optional<ClickToCallStatus> status(String id) {
        PhoneLeg leg = legs.get(id);
        return leg == null ? Optional.empty() : Optional.of(leg.status());
    }

    private void forgetOld() {
        Instant cutoff = Instant.now().minus(KEEP);
        legs.values().removeIf(l -> l.status().startedAt().isBefore(cutoff));
    }
}
