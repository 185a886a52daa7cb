package org.tandem.webui.dashboard;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallStarted;

/**
 * Calls in progress right now, kept from the proxy's call events (the same events the CDR writer
 * folds): what the dashboard shows live. Each {@link CallStarted} is followed by exactly one
 * {@link CallEnded}, so the map cannot grow without bound.
 */
@Component
public class LiveCalls implements CallListener {

    /** One call in progress; {@code answeredBy} is null while it rings. */
    public record LiveCall(String callId, String caller, String dialled, Instant startedAt, String answeredBy) {}

    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();

    @Override
    public void on(CallStarted e) {
        String caller = e.callerExtension() != null ? e.callerExtension() : e.callerNumber();
        calls.put(e.callId(), new LiveCall(e.callId(), caller, e.dialled(), e.at(), null));
    }

    @Override
    public void on(CallAnswered e) {
        calls.computeIfPresent(
                e.callId(), (id, c) -> new LiveCall(id, c.caller(), c.dialled(), c.startedAt(), e.answeredBy()));
    }

    @Override
    public void on(CallEnded e) {
        calls.remove(e.callId());
    }

    public List<LiveCall> current() {
        return calls.values().stream()
                .sorted(Comparator.comparing(LiveCall::startedAt))
                .toList();
    }
}
