package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallStarted;

/**
 * With the journal, the writer appends each window's events to {@code cdr.journal} and gives them to the database
 * every flush interval in one commit (or sooner when many wait); what the database did not get survives a stop with
 * the database away, or a crash, and the next start replays it.
 */
class CdrWriterJournalTest {

    @TempDir
    Path dir;

    final List<List<Object>> commits = new CopyOnWriteArrayList<>();
    CdrWriter writer;

    @AfterEach
    void close() {
        if (writer != null) writer.close();
    }

    static List<Object> calls(String prefix, int n) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new CallStarted(
                    prefix + i,
                    Instant.EPOCH.plusSeconds(i),
                    "401",
                    "401",
                    null,
                    "402",
                    CallDirection.INTERNAL,
                    null,
                    null,
                    null));
        }
        return events;
    }

    CdrWriter writer(CdrWriter.BatchSink sink, Duration flushInterval) {
        return new CdrWriter(
                10_000,
                sink,
                () -> {},
                Duration.ofHours(1),
                Duration.ZERO,
                new CdrJournal(dir.resolve("cdr.journal")),
                flushInterval);
    }

    long journalBytes() throws IOException {
        return Files.size(dir.resolve("cdr.journal"));
    }

    @Test
    void journalledEventsReachTheDatabaseAtTheIntervalInOneCommit() throws IOException {
        writer = writer(events -> commits.add(List.copyOf(events)), Duration.ofMillis(1500));
        List<Object> events = calls("c", 20);
        events.forEach(writer::offer);

        await().atMost(Duration.ofSeconds(5)).until(() -> writer.unflushed() == 20);
        assertThat(journalBytes()).as("in the journal").isPositive();
        assertThat(commits).as("not in the database yet").isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> commits.size() == 1);
        assertThat(commits.get(0)).containsExactlyElementsOf(events);
        assertThat(writer.unflushed()).isZero();
        assertThat(journalBytes()).as("emptied after the commit").isZero();
        assertThat(writer.commitCount()).isEqualTo(1);
    }

    @Test
    void manyWaitingEventsGoToTheDatabaseWithoutWaitingForTheInterval() {
        writer = writer(events -> commits.add(List.copyOf(events)), Duration.ofHours(1));
        calls("m", JournalledEvents.FLUSH_THRESHOLD).forEach(writer::offer);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> commits.stream().mapToInt(List::size).sum() == JournalledEvents.FLUSH_THRESHOLD);
        assertThat(writer.unflushed()).isZero();
    }

    @Test
    void whileTheDatabaseIsAwayJournalledEventsWaitAndAreWrittenOnceWhenItIsBack() throws IOException {
        AtomicInteger outages = new AtomicInteger(2);
        writer = writer(
                events -> {
                    if (outages.getAndDecrement() > 0) throw new DataAccessResourceFailureException("refused");
                    commits.add(List.copyOf(events));
                },
                Duration.ofMillis(200));
        List<Object> events = calls("d", 5);
        events.forEach(writer::offer);

        await().atMost(Duration.ofSeconds(10)).until(() -> !commits.isEmpty());
        assertThat(commits).containsExactly(events);
        assertThat(writer.failedCount()).isZero();
        assertThat(journalBytes()).isZero();
    }

    /** A stop with the database away loses nothing: the journal keeps it, the next start gives it to the database. */
    @Test
    void aStopWithTheDatabaseAwayKeepsTheEventsForTheNextStart() {
        writer = writer(
                events -> {
                    throw new DataAccessResourceFailureException("refused");
                },
                Duration.ofHours(1));
        List<Object> events = calls("s", 7);
        events.forEach(writer::offer);
        writer.close();
        assertThat(writer.failedCount()).as("none counted lost").isZero();

        List<Object> replayed = new CopyOnWriteArrayList<>();
        writer = writer(events2 -> commits.add(List.copyOf(events2)), Duration.ofHours(1));
        assertThat(writer.recover(replayed::addAll)).isEqualTo(7);

        assertThat(replayed).containsExactlyElementsOf(events);
        assertThat(commits).as("the replay went through its own sink").isEmpty();
        assertThat(writer.recover(replayed::addAll))
                .as("the journal was emptied")
                .isZero();
    }

    /** What a crash leaves (whole records and one cut short) is replayed whole, the cut one dropped. */
    @Test
    void theNextStartReplaysWhatACrashLeftInTheJournal() throws IOException {
        List<Object> events = calls("k", 4);
        try (CdrJournal crashed = new CdrJournal(dir.resolve("cdr.journal"))) {
            crashed.append(events);
        }
        Files.write(
                dir.resolve("cdr.journal"), new byte[] {0, 0, 0, 40, 1, 2}, java.nio.file.StandardOpenOption.APPEND);

        List<Object> replayed = new ArrayList<>();
        writer = writer(e -> {}, Duration.ofHours(1));

        assertThat(writer.recover(replayed::addAll)).isEqualTo(4);
        assertThat(replayed).containsExactlyElementsOf(events);
        assertThat(journalBytes()).isZero();
    }

    /** Without the journal in use (interval 0), a journal an earlier run left is still replayed, then not written. */
    @Test
    void withoutTheJournalEachWindowGoesToTheDatabaseButALeftJournalIsReplayed() throws IOException {
        List<Object> left = calls("l", 2);
        try (CdrJournal earlier = new CdrJournal(dir.resolve("cdr.journal"))) {
            earlier.append(left);
        }
        List<Object> replayed = new ArrayList<>();
        writer = writer(events -> commits.add(List.copyOf(events)), Duration.ZERO);
        assertThat(writer.recover(replayed::addAll)).isEqualTo(2);
        assertThat(replayed).containsExactlyElementsOf(left);

        List<Object> events = calls("w", 3);
        events.forEach(writer::offer);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> commits.stream().mapToInt(List::size).sum() == 3);
        assertThat(journalBytes()).isZero();
        assertThat(writer.unflushed()).isZero();
    }

    @Test
    void aStartFailsWhenTheDatabaseTakesNoneOfTheJournal() throws IOException {
        try (CdrJournal earlier = new CdrJournal(dir.resolve("cdr.journal"))) {
            earlier.append(calls("f", 1));
        }
        writer = writer(e -> {}, Duration.ofHours(1));

        assertThatThrownBy(() -> writer.recover(events -> {
                    throw new DataAccessResourceFailureException("refused");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kept for the next start");
        assertThat(journalBytes()).as("kept").isPositive();
    }
}
