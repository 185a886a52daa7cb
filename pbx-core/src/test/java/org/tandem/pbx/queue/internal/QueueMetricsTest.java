package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.pbx.queue.QueueStatus;

/** The queue meters: waiting, longest wait and agents by state read live; offered/answered/abandoned counted. */
class QueueMetricsTest {

    private final List<String> numbers = new ArrayList<>(List.of("700"));
    private final QueueCalls calls = new QueueCalls() {
        @Override
        public Optional<QueueStatus> status(String number) {
            if (!numbers.contains(number)) return Optional.empty();
            Instant since = Instant.now().minusSeconds(95);
            return Optional.of(new QueueStatus(
                    number,
                    List.of(
                            new QueueStatus.WaitingCaller(1, "201", null, since),
                            new QueueStatus.WaitingCaller(2, "202", null, Instant.now())),
                    List.of(
                            new QueueStatus.Agent("101", AgentState.IDLE),
                            new QueueStatus.Agent("102", AgentState.PAUSED, "lunch", since),
                            new QueueStatus.Agent("103", AgentState.PAUSED, null, since))));
        }

        @Override
        public QueueFigures figures(String number, LocalDate day) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void liveGaugesAndCountersPerQueue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueueMetrics metrics = new QueueMetrics(() -> numbers, calls);
        metrics.bindTo(registry);
        assertThat(registry.get("tandem.queue.waiting")
                        .tag("queue", "700")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(registry.get("tandem.queue.longest.wait")
                        .tag("queue", "700")
                        .gauge()
                        .value())
                .isBetween(95.0, 97.0);
        assertThat(registry.get("tandem.queue.agents")
                        .tags("queue", "700", "state", "PAUSED")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(registry.get("tandem.queue.agents")
                        .tags("queue", "700", "state", "IDLE")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("tandem.queue.agents")
                        .tags("queue", "700", "state", "BUSY")
                        .gauge()
                        .value())
                .isZero();

        for (CallQueued.Outcome o : List.of(
                CallQueued.Outcome.ANSWERED,
                CallQueued.Outcome.ANSWERED,
                CallQueued.Outcome.ABANDONED,
                CallQueued.Outcome.LEFT_BY_KEY)) {
            metrics.on(new CallQueued("c-" + o, Instant.now(), "700", o, 1000, null));
        }
        assertThat(registry.get("tandem.queue.offered")
                        .tag("queue", "700")
                        .counter()
                        .count())
                .isEqualTo(4);
        assertThat(registry.get("tandem.queue.answered")
                        .tag("queue", "700")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("tandem.queue.abandoned")
                        .tag("queue", "700")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aNewQueueGetsItsMetersAndADeletedOneLosesThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueueMetrics metrics = new QueueMetrics(() -> numbers, calls);
        metrics.bindTo(registry);
        numbers.add("710");
        metrics.track("710");
        assertThat(registry.get("tandem.queue.waiting")
                        .tag("queue", "710")
                        .gauge()
                        .value())
                .isEqualTo(2);
        metrics.untrack("710");
        assertThat(registry.find("tandem.queue.waiting").tag("queue", "710").gauge())
                .isNull();
        assertThat(registry.find("tandem.queue.offered").tag("queue", "710").counter())
                .isNull();
    }
}
