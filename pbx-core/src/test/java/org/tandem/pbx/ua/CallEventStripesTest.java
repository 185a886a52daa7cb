package org.tandem.pbx.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaEngine;
import org.tandem.pbx.concurrent.SerialExecutors;

/** A call event a full Call-ID stripe refuses is counted, published and logged with its Call-ID, rate-limited. */
class CallEventStripesTest {

    /** One stripe holding one waiting task: a blocked stripe refuses the third event. */
    private final SerialExecutors stripes = new SerialExecutors("test-call", 1, 1);

    private final AtomicLong now = new AtomicLong();
    private final CallEventStripes events = new CallEventStripes(stripes, now::get);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final Logger logger = (Logger) LoggerFactory.getLogger(CallEventStripes.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        release.countDown();
        stripes.close();
    }

    @Test
    void aRefusedEventIsCountedAndLoggedWithItsCallIdAtMostOncePerInterval() {
        AtomicInteger ran = new AtomicInteger();
        Executor call = events.of("a84b4c76e66710@pc33.example.com", "voicemail:201");
        call.execute(this::blockStripe);
        awaitBlocked(); // the stripe took the blocker: its one queue slot is free
        call.execute(ran::incrementAndGet); // waits in the queue
        assertThat(events.droppedCount()).isZero();

        call.execute(ran::incrementAndGet); // refused: the queue is full
        call.execute(ran::incrementAndGet); // refused, within the interval: counted, not logged
        Executor other = events.of("other-call-id", "conference:800");
        now.addAndGet(CallEventStripes.WARN_EVERY.toNanos() - 1);
        other.execute(ran::incrementAndGet); // still within it

        assertThat(events.droppedCount()).isEqualTo(3);
        assertThat(warnings())
                .singleElement()
                .satisfies(m ->
                        assertThat(m).contains("a84b4c76e66710@pc33.example.com", "voicemail:201", "0 more dropped"));

        now.addAndGet(1); // the interval is over: the next drop is logged with the two unlogged ones
        other.execute(ran::incrementAndGet);
        assertThat(events.droppedCount()).isEqualTo(4);
        assertThat(warnings())
                .hasSize(2)
                .last()
                .satisfies(m -> assertThat(m).contains("other-call-id", "conference:800", "2 more dropped"));

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1); // only the queued event ran
        call.execute(ran::incrementAndGet); // room again: not dropped
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
        assertThat(events.droppedCount()).isEqualTo(4);
        assertThat(stripes.rejectedCount())
                .as("the stripes count the refusals too (sipDispatch health)")
                .isEqualTo(4);
    }

    @Test
    void theDropsArePublished() {
        Executor call = events.of("c1@example.com", "ivr:7000");
        call.execute(this::blockStripe);
        awaitBlocked();
        call.execute(() -> {});
        call.execute(() -> {});
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MediaMetrics(Mockito.mock(MediaEngine.class), events).bindTo(registry);
        assertThat(registry.get("tandem.media.call.events.dropped")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    private void blockStripe() {
        blocked.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitBlocked() {
        await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getCount() == 0);
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
