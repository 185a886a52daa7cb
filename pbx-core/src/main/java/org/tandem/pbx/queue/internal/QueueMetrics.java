package org.tandem.pbx.queue.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.events.ListenerOrder;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueStatus;

/**
 * Each queue's live state and counts for the metrics endpoint, labelled {@code queue}: callers waiting
 * ({@code tandem_queue_waiting}), the longest wait now ({@code tandem_queue_longest_wait_seconds}), agents by state
 * ({@code tandem_queue_agents{state="IDLE"|"PAUSED"|...}}), and since the start callers offered, answered and abandoned
 * ({@code tandem_queue_offered_total}, {@code _answered_total}, {@code _abandoned_total}, counted from
 * {@link CallQueued}). A queue's meters come with the queue and go with it.
 */
@Component
public class QueueMetrics implements MeterBinder, CallListener {

    private final Supplier<List<String>> numbers;
    private final QueueCalls calls;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Autowired
    public QueueMetrics(CallQueues queues, QueueCalls calls) {
        this(() -> queues.list().stream().map(CallQueue::number).toList(), calls);
    }

    QueueMetrics(Supplier<List<String>> numbers, QueueCalls calls) {
        this.numbers = numbers;
        this.calls = calls;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        numbers.get().forEach(this::track);
    }

    /** Registers queue {@code number}'s meters (again: a no-op); nothing without a registry. */
    public void track(String number) {
        MeterRegistry r = registry;
        if (r == null) return;
        meters.computeIfAbsent(number, n -> {
            List<Meter> m = new ArrayList<>();
            m.add(Gauge.builder(
                            "tandem.queue.waiting",
                            calls,
                            c -> c.status(n).map(s -> s.waiting().size()).orElse(0))
                    .tag("queue", n)
                    .description("Callers waiting in line now")
                    .register(r));
            m.add(Gauge.builder(
                            "tandem.queue.longest.wait",
                            calls,
                            c -> c.status(n)
                                    .map(s -> s.longestWaitSeconds(Instant.now()))
                                    .orElse(0L))
                    .tag("queue", n)
                    .baseUnit("seconds")
                    .description("How long the first in line has waited")
                    .register(r));
            for (AgentState state : AgentState.values()) {
                m.add(Gauge.builder(
                                "tandem.queue.agents",
                                calls,
                                c -> c.status(n)
                                        .map(s -> s.agents().stream()
                                                .map(QueueStatus.Agent::state)
                                                .filter(state::equals)
                                                .count())
                                        .orElse(0L))
                        .tag("queue", n)
                        .tag("state", state.name())
                        .description("The queue's agents in this state")
                        .register(r));
            }
            for (String outcome : List.of("offered", "answered", "abandoned")) {
                m.add(Counter.builder("tandem.queue." + outcome)
                        .tag("queue", n)
                        .description("Callers " + outcome + " since the start")
                        .register(r));
            }
            return m;
        });
    }

    /** Removes a deleted queue's meters. */
    public void untrack(String number) {
        List<Meter> gone = meters.remove(number);
        MeterRegistry r = registry;
        if (gone != null && r != null) gone.forEach(r::remove);
    }

    @Override
    public int order() {
        return ListenerOrder.RECORDS;
    }

    @Override
    public void on(CallQueued queued) {
        MeterRegistry r = registry;
        if (r == null) return;
        track(queued.queue());
        r.counter("tandem.queue.offered", "queue", queued.queue()).increment();
        if (queued.outcome() == CallQueued.Outcome.ANSWERED) {
            r.counter("tandem.queue.answered", "queue", queued.queue()).increment();
        } else if (queued.outcome() == CallQueued.Outcome.ABANDONED) {
            r.counter("tandem.queue.abandoned", "queue", queued.queue()).increment();
        }
    }
}
