package org.tandem.pbx.voicemail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.voicemail.VoicemailProperties;

/**
 * When the voicemail mailer looks at its outbox (issue 23): at the start, when a message comes, when the next
 * waiting e-mail is due (at the latest after mail-poll), and never while nothing waits.
 */
class OutboxLooksTest {

    private final Clock clock = Clock.systemUTC();
    private final Outbox outbox = new Outbox();
    private VoicemailMailer mailer;

    /** An outbox with nothing due now, whose next due time the test sets; it notes when it was looked at. */
    static final class Outbox extends EmailRepository {
        final List<Long> looks = new CopyOnWriteArrayList<>();
        /** What the next question for the next due time gets, then nothing: one e-mail waits, once. */
        final AtomicReference<Long> nextDue = new AtomicReference<>();

        volatile boolean alwaysWaiting;

        Outbox() {
            super(null);
        }

        @Override
        public List<EmailRow> due(long nowMs, int limit) {
            looks.add(System.nanoTime());
            return List.of();
        }

        @Override
        public Optional<Long> nextDue() {
            return Optional.ofNullable(alwaysWaiting ? nextDue.get() : nextDue.getAndSet(null));
        }
    }

    private VoicemailMailer mailer(Duration mailPoll) {
        VoicemailProperties props =
                new VoicemailProperties(0, Duration.ofSeconds(30), Duration.ofMinutes(5), 0, mailPoll, 0, 0);
        mailer = new VoicemailMailer(
                outbox, null, null, null, null, props, clock, Executors.newSingleThreadScheduledExecutor());
        return mailer;
    }

    @AfterEach
    void close() {
        if (mailer != null) mailer.close();
    }

    @Test
    void anOutboxWithNothingWaitingIsLookedAtOnceAtTheStartAndThenNotAtAll() throws Exception {
        mailer(Duration.ofMillis(50));
        await().atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 1);
        // and no other through ten mail-polls
        await().during(500, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 1);
    }

    @Test
    void aDepositedMessageIsLookedForAtOnce() throws Exception {
        VoicemailMailer m = mailer(Duration.ofSeconds(30));
        await().atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 1);
        m.onDeposited(null);
        await().atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 2);
    }

    @Test
    void aWaitingEmailIsLookedAtWhenItIsDueAndNotBefore() throws Exception {
        outbox.nextDue.set(clock.millis() + 400);
        mailer(Duration.ofSeconds(30));
        await().atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(outbox.looks.get(1) - outbox.looks.get(0)))
                .isGreaterThanOrEqualTo(300);
        // that one was the last waiting: no look after it
        await().during(300, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() == 2);
    }

    @Test
    void anEmailDueLaterThanMailPollIsLookedAtEveryMailPollMeanwhile() {
        outbox.alwaysWaiting = true;
        outbox.nextDue.set(clock.millis() + Duration.ofHours(1).toMillis()); // a retry's back-off
        mailer(Duration.ofMillis(100)); // the wall clock may jump meanwhile: looked at after mail-poll anyway
        await().atMost(5, TimeUnit.SECONDS).until(() -> outbox.looks.size() >= 4);
    }
}
