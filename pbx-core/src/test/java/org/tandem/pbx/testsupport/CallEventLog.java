package org.tandem.pbx.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;

/** Collects the call lifecycle events ({@code org.tandem.pbx.call}) for assertions. Register as a bean (a {@link CallListener}). */
public class CallEventLog implements CallListener {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(CallStarted e) {
        events.add(e);
    }

    @Override
    public void on(CallRouted e) {
        events.add(e);
    }

    @Override
    public void on(CallTrunkUsed e) {
        events.add(e);
    }

    @Override
    public void on(CallAnswered e) {
        events.add(e);
    }

    @Override
    public void on(CallEnded e) {
        events.add(e);
    }

    /** The Call-IDs of the attempts that dialled {@code dialled}, oldest first. */
    public List<String> callIdsDialling(String dialled) {
        return events.stream()
                .filter(e -> e instanceof CallStarted s && s.dialled().equals(dialled))
                .map(e -> ((CallStarted) e).callId())
                .toList();
    }

    /** Every event of one attempt, in order. */
    public List<Object> of(String callId) {
        return events.stream().filter(e -> callId.equals(callIdOf(e))).toList();
    }

    /**
     * A one-line summary per event of the single attempt that dialled {@code dialled}: e.g.
     * {@code started 100->101 INTERNAL}, {@code routed extension:101}, {@code answered 101},
     * {@code ended ANSWERED 200 CALLER}.
     */
    public List<String> summary(String dialled) {
        List<String> ids = callIdsDialling(dialled);
        if (ids.size() != 1) return List.of("attempts dialling " + dialled + ": " + ids.size());
        return of(ids.get(0)).stream().map(CallEventLog::line).toList();
    }

    private static String line(Object e) {
        if (e instanceof CallStarted s) {
            return "started " + (s.callerExtension() == null ? s.callerNumber() : s.callerExtension()) + "->"
                    + s.dialled() + " " + s.direction();
        }
        if (e instanceof CallRouted r)
            return "routed " + r.destination() + (r.forwardedFrom() == null ? "" : " from " + r.forwardedFrom());
        if (e instanceof CallAnswered a) return "answered " + a.answeredBy();
        if (e instanceof CallEnded x) return "ended " + x.disposition() + " " + x.sipStatus() + " " + x.hangupSide();
        if (e instanceof CallTrunkUsed t) return "trunk " + t.trunk() + " " + t.status();
        return e.toString();
    }

    private static String callIdOf(Object e) {
        if (e instanceof CallStarted s) return s.callId();
        if (e instanceof CallRouted r) return r.callId();
        if (e instanceof CallAnswered a) return a.callId();
        if (e instanceof CallEnded x) return x.callId();
        if (e instanceof CallTrunkUsed t) return t.callId();
        return null;
    }
}
