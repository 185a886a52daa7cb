package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.concurrent.Workers;

/** Issue 23: the proxy timer's heartbeat keeps a call's no-answer timer from waking the timer thread. */
class ProxyTimerTest {

    final ScheduledThreadPoolExecutor timer =
            ProxyConfiguration.withHeartbeat(Workers.unmeasured().timer("proxy-timer-test"));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aNoAnswerTimerQueuesBehindTheHeartbeatAndLeavesWhenCancelled() {
        ScheduledFuture<?> ring = timer.schedule(() -> {}, 60, TimeUnit.SECONDS);

        // the head is what the waiting thread sleeps on: the heartbeat, due within a second, not the new timer
        Delayed head = (Delayed) timer.getQueue().peek();
        assertThat(head).isNotSameAs(ring);
        assertThat(head.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(ProxyConfiguration.HEARTBEAT.toMillis());
        assertThat(timer.getQueue()).hasSize(2);

        ring.cancel(false); // an answered call: its timer leaves the queue at once
        assertThat(timer.getQueue()).hasSize(1);
    }

    @Test
    void aTimerStillFiresAtItsTime() {
        AtomicBoolean fired = new AtomicBoolean();
        timer.schedule(() -> fired.set(true), 1500, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(10)).untilTrue(fired);
        assertThat(timer.getQueue()).hasSize(1); // the heartbeat, re-queued after each tick
    }
}
