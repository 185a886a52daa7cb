package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.call.DialogStateChanged.Details;
import org.tandem.pbx.call.DialogStateChanged.Direction;
import org.tandem.pbx.call.DialogStateChanged.State;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.events.ListenerOrder;

/**
 * Raises {@link DialogStateChanged} for the local extensions on each end of a routed call, in RFC 4235 §3.7.1
 * order: the caller trying, early on the first ringing phone; every extension that rings (ring-group members,
 * forwarding targets) early, the one that answers confirmed and the others terminated ("cancelled"); both
 * terminated on the BYE or the failure. A call a service of this process answers (voicemail, conference, park,
 * IVR) is confirmed and terminated by that service's call events. A call's entry is touched only on its Call-ID
 * stripe; the map is shared between stripes.
 */
public final class DialogEvents implements CallListener {

    /** A dialog whose BYE never passes through us is forgotten after this long. */
    private static final Duration FORGET_AFTER = Duration.ofHours(24);

    private static final int PRUNE_ABOVE = 10_000;

    /** One routed call: its caller's side and every extension that rang. */
    private static final class Call {
        final String caller;
        final String callerTag;
        final String callerUri;
        final String callerDisplay;
        final String dialledUri;
        final Instant since = Instant.now();
        final Map<String, Leg> callees = new LinkedHashMap<>();
        State callerState = State.TRYING;
        String answeredTag;
        boolean served;

        Call(String caller, String callerTag, String callerUri, String callerDisplay, String dialledUri) {
            this.caller = caller;
            this.callerTag = callerTag;
            this.callerUri = callerUri;
            this.callerDisplay = callerDisplay;
            this.dialledUri = dialledUri;
        }

        Details callerSide(String reason) {
            return new Details(callerTag, answeredTag, dialledUri, null, null, reason);
        }

        Details calleeSide(Leg leg, String reason) {
            return new Details(leg.toTag, callerTag, callerUri, callerDisplay, leg.ringGroup, reason);
        }
    }

    private static final class Leg {
        String toTag;
        State state;
        final String ringGroup;

        Leg(String toTag, State state, String ringGroup) {
            this.toTag = toTag;
            this.state = state;
            this.ringGroup = ringGroup;
        }
    }

    private final CallEvents events;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    public DialogEvents(CallEvents events) {
        this.events = events;
    }

    /** A new routed call (RFC 4235 "trying" for a local caller). */
    void started(String callId, String caller, Request invite) {
        if (calls.size() > PRUNE_ABOVE) {
            Instant cutoff = Instant.now().minus(FORGET_AFTER);
            calls.values().removeIf(c -> c.since.isBefore(cutoff));
        }
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        String dialled = invite.getRequestURI() instanceof SipURI sip
                ? "sip:" + sip.getUser() + "@" + sip.getHost()
                : invite.getRequestURI().toString();
        Call c = new Call(
                caller,
                from.getTag(),
                from.getAddress().getURI().toString(),
                from.getAddress().getDisplayName(),
                dialled);
        calls.put(callId, c);
        if (caller != null) publish(callId, caller, State.TRYING, Direction.INITIATOR, c.callerSide(null));
    }

    /** A phone of {@code extension} (null: no local user) rings: it sent a provisional with a To tag. */
    void early(String callId, String extension, String toTag, String ringGroup) {
        Call c = calls.get(callId);
        if (c == null || c.callerState == State.CONFIRMED) return;
        if (c.caller != null && c.callerState == State.TRYING) {
            c.callerState = State.EARLY;
            c.answeredTag = toTag;
            publish(callId, c.caller, State.EARLY, Direction.INITIATOR, c.callerSide(null));
        }
        if (extension == null || c.callees.containsKey(extension)) return;
        Leg leg = new Leg(toTag, State.EARLY, ringGroup);
        c.callees.put(extension, leg);
        publish(callId, extension, State.EARLY, Direction.RECIPIENT, c.calleeSide(leg, null));
    }

    /** The call was answered by a phone of {@code callee} (null: no local user) with To tag {@code toTag}. */
    void confirmed(String callId, String callee, String toTag, String ringGroup) {
        Call c = calls.get(callId);
        if (c == null || c.callerState == State.CONFIRMED) return;
        c.callerState = State.CONFIRMED;
        c.answeredTag = toTag;
        if (c.caller != null) publish(callId, c.caller, State.CONFIRMED, Direction.INITIATOR, c.callerSide(null));
        for (var e : c.callees.entrySet()) {
            if (e.getKey().equals(callee)) continue;
            Leg other = e.getValue();
            other.state = State.TERMINATED;
            // RFC 4235 §4.1.3: another phone answered, this one's INVITE was CANCELled
            publish(callId, e.getKey(), State.TERMINATED, Direction.RECIPIENT, c.calleeSide(other, "cancelled"));
        }
        c.callees.values().removeIf(l -> l.state == State.TERMINATED);
        if (callee == null) return;
        Leg leg = c.callees.computeIfAbsent(callee, k -> new Leg(toTag, State.CONFIRMED, ringGroup));
        leg.toTag = toTag;
        leg.state = State.CONFIRMED;
        publish(callId, callee, State.CONFIRMED, Direction.RECIPIENT, c.calleeSide(leg, null));
    }

    /** A service of this process answers the call (voicemail, conference, park, IVR): its call events follow. */
    void served(String callId) {
        Call c = calls.get(callId);
        if (c == null) return;
        c.served = true;
        endRinging(callId, c, "cancelled");
    }

    @Override
    public void on(CallAnswered answered) {
        Call c = calls.get(answered.callId());
        if (c != null && c.served) confirmed(answered.callId(), null, null, null);
    }

    @Override
    public void on(CallEnded ended) {
        Call c = calls.get(ended.callId());
        if (c == null || !c.served) return;
        // RFC 4235 §4.1.3 from the caller's side (the only local party of a served call)
        String reason = c.callerState != State.CONFIRMED
                ? "rejected"
                : ended.hangupSide() == HangupSide.CALLER ? "local-bye" : "remote-bye";
        end(ended.callId(), reason);
    }

    /**
     * The local extension on one side of a confirmed dialog: its caller (the INVITE's sender) or its callee;
     * null when that side is no local user or the dialog is not known (over, or never through this proxy).
     */
    String party(String callId, boolean caller) {
        Call c = calls.get(callId);
        if (c == null || c.callerState != State.CONFIRMED) return null;
        if (caller) return c.caller;
        return c.callees.entrySet().stream()
                .filter(e -> e.getValue().state == State.CONFIRMED)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /** An INVITE that did not establish a dialog (rejected, cancelled, unanswered). */
    void failed(String callId, boolean cancelledByCaller) {
        Call c = calls.get(callId);
        if (c == null || c.callerState == State.CONFIRMED || c.served) return;
        end(callId, cancelledByCaller ? "cancelled" : "rejected");
    }

    /** A BYE for the dialog passed through us. */
    void ended(String callId) {
        Call c = calls.get(callId);
        if (c != null && c.callerState == State.CONFIRMED) end(callId, null);
    }

    private void end(String callId, String reason) {
        Call c = calls.remove(callId);
        if (c == null) return;
        if (c.caller != null) publish(callId, c.caller, State.TERMINATED, Direction.INITIATOR, c.callerSide(reason));
        endRinging(callId, c, reason);
        for (var e : c.callees.entrySet()) {
            publish(callId, e.getKey(), State.TERMINATED, Direction.RECIPIENT, c.calleeSide(e.getValue(), reason));
        }
        c.callees.clear();
    }

    private void endRinging(String callId, Call c, String reason) {
        var it = c.callees.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().state != State.EARLY) continue;
            it.remove();
            publish(callId, e.getKey(), State.TERMINATED, Direction.RECIPIENT, c.calleeSide(e.getValue(), reason));
        }
    }

    /** The To tag of a response, for callers that hold only the response. */
    static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    private void publish(String callId, String extension, State state, Direction direction, Details details) {
        events.publish(new DialogStateChanged(callId, extension, state, direction, details));
    }

    /** The served calls' dialogs change before anything is told of their end (a lamp, a record). */
    @Override
    public int order() {
        return ListenerOrder.STATE;
    }
}
