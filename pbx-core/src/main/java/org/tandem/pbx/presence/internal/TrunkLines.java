package org.tandem.pbx.presence.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.presence.LineStates.LineCall;

/**
 * The calls each trunk carries now (issue 15: trunks on the operator panel), folded from the call events the call
 * records are made of: an inbound call rings from its {@link CallStarted} (with the trunk it came in on), an outbound
 * one dials from its {@link CallTrunkUsed}, both talk from {@link CallAnswered}, and go with {@link CallEnded} — one
 * per started call, so nothing stays behind. Each method returns the trunk whose line changed, or null.
 */
final class TrunkLines {

    private record TrunkCall(String trunk, String callId, String state, String party, Instant since, boolean incoming) {
        LineCall line() {
            return new LineCall(callId, state, party, since, incoming);
        }
    }

    private final Map<String, TrunkCall> byCallId = new ConcurrentHashMap<>();

    String started(CallStarted e) {
        if (e.trunk() == null) return null;
        String name = e.callerName() == null || e.callerName().isBlank()
                ? ""
                : e.callerName().strip() + " <";
        String party = name.isEmpty() ? e.callerNumber() : name + e.callerNumber() + ">";
        byCallId.put(e.callId(), new TrunkCall(e.trunk(), e.callId(), "ringing", party, e.at(), true));
        return e.trunk();
    }

    /** An outbound leg offered to a trunk (failover tries the next one: a refused leg leaves the line it tried). */
    String trunkUsed(CallTrunkUsed e) {
        if (e.status() == 0) {
            byCallId.put(
                    e.callId(), new TrunkCall(e.trunk(), e.callId(), "dialling", e.externalNumber(), e.at(), false));
            return e.trunk();
        }
        if (e.status() >= 300) {
            TrunkCall c = byCallId.get(e.callId());
            if (c != null && c.trunk().equals(e.trunk()) && byCallId.remove(e.callId(), c)) return e.trunk();
        }
        return null;
    }

    String answered(CallAnswered e) {
        TrunkCall c = byCallId.computeIfPresent(
                e.callId(),
                (id, old) -> new TrunkCall(old.trunk(), id, "talking", old.party(), e.at(), old.incoming()));
        return c == null ? null : c.trunk();
    }

    String ended(CallEnded e) {
        TrunkCall c = byCallId.remove(e.callId());
        return c == null ? null : c.trunk();
    }

    List<LineCall> calls(String trunk) {
        return byCallId.values().stream()
                .filter(c -> c.trunk().equals(trunk))
                .sorted(Comparator.comparing(TrunkCall::since))
                .map(TrunkCall::line)
                .toList();
    }
}
