package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * The CDR writer's batches keep the rows they wrote (issue 23): a call's later events are folded into the kept row
 * without reading it back, and what the table holds is the same as when every batch read its rows.
 */
class CdrBatchIT {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    /** The writer's store, counting the rows it reads back; a save fails while {@code failing}. */
    static final class CountingStore extends CdrStore {
        final AtomicInteger loads = new AtomicInteger();
        final AtomicBoolean failing = new AtomicBoolean();

        CountingStore(JdbcClient jdbc) {
            super(jdbc);
        }

        static CountingStore of(PbxTestContext pbx) {
            return new CountingStore(pbx.bean(JdbcClient.class));
        }

        @Override
        Optional<CdrRow> load(String callId) {
            loads.incrementAndGet();
            return super.load(callId);
        }

        @Override
        void save(CdrRow r) {
            super.save(r);
            if (failing.get()) throw new IllegalStateException("the database refused the batch");
        }
    }

    /** The writer's batches over the context's database, reading and writing through {@code store}. */
    static CdrBatch batchOver(PbxTestContext pbx, CountingStore store) {
        return new CdrBatch(store, new TransactionTemplate(pbx.bean(PlatformTransactionManager.class)));
    }

    static CallStarted started(String id) {
        return new CallStarted(id, T0, "201", "201", "Alice", "202", CallDirection.INTERNAL, null, null, null);
    }

    @Test
    void aCallsLaterEventsAreFoldedIntoTheKeptRowAndTheTableIsTheSame() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of())) {
            CountingStore store = CountingStore.of(pbx);
            CdrBatch batch = batchOver(pbx, store);

            batch.apply(List.of(started("kept-1")));
            batch.apply(List.of(new CallRouted("kept-1", T0.plusMillis(10), "extension:202", null, null)));
            batch.apply(List.of(new CallAnswered("kept-1", T0.plusSeconds(3), "202")));
            batch.apply(
                    List.of(new CallEnded("kept-1", T0.plusSeconds(15), Disposition.ANSWERED, 200, HangupSide.CALLEE)));

            assertThat(store.loads)
                    .as("rows read back: none (the start is a new call's, not looked for; the rest are kept)")
                    .hasValue(0);
            CdrRow stored = store.load("kept-1").orElseThrow();
            assertThat(stored.answeredBy).isEqualTo("202");
            assertThat(stored.answerMs).isEqualTo(T0.plusSeconds(3).toEpochMilli());
            assertThat(stored.endMs).isEqualTo(T0.plusSeconds(15).toEpochMilli());
            assertThat(stored.billableSeconds).isEqualTo(12);
            assertThat(stored.disposition).isEqualTo(Disposition.ANSWERED);
        }
    }

    @Test
    void aStartForACallTheTableHoldsFoldsIntoTheStoredRowAndLosesNothingOfTheBatch() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of())) {
            CountingStore store = CountingStore.of(pbx);
            CdrBatch before = batchOver(pbx, store);
            before.apply(List.of(
                    started("replayed"),
                    new CallAnswered("replayed", T0.plusSeconds(2), "202"),
                    new CallEnded("replayed", T0.plusSeconds(10), Disposition.ANSWERED, 200, HangupSide.CALLER)));

            // after a kill -9: a new writer (nothing kept) is given the journal's events again, the stored call's
            // start among a new call's
            CdrBatch after = batchOver(pbx, store);
            after.apply(List.of(
                    started("replayed"),
                    new CallAnswered("replayed", T0.plusSeconds(2), "202"),
                    started("new-after-restart"),
                    new CallEnded(
                            "new-after-restart", T0.plusSeconds(4), Disposition.NO_ANSWER, 487, HangupSide.CALLER)));

            CdrRow replayed = store.load("replayed").orElseThrow();
            assertThat(replayed.answeredBy).isEqualTo("202");
            assertThat(replayed.endMs)
                    .as("the stored end stands")
                    .isEqualTo(T0.plusSeconds(10).toEpochMilli());
            assertThat(replayed.billableSeconds).isEqualTo(8);
            CdrRow fresh = store.load("new-after-restart").orElseThrow();
            assertThat(fresh.disposition).isEqualTo(Disposition.NO_ANSWER);
            assertThat(fresh.sipStatus).isEqualTo(487);
            JdbcClient jdbc = pbx.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM cdr WHERE call_id IN ('replayed', 'new-after-restart')")
                            .query(Integer.class)
                            .single())
                    .as("one row per call")
                    .isEqualTo(2);

            int loads = store.loads.get();
            after.apply(List.of(new CallAnswered("new-after-restart", T0.plusSeconds(5), "203")));
            assertThat(store.loads.get())
                    .as("the batch that was done again keeps its rows too")
                    .isEqualTo(loads);
        }
    }

    @Test
    void aFailedBatchLeavesNoRowBehindThatTheTableDoesNotHold() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of())) {
            CountingStore store = CountingStore.of(pbx);
            CdrBatch batch = batchOver(pbx, store);
            batch.apply(List.of(started("rolled-back")));

            store.failing.set(true);
            CallAnswered answered = new CallAnswered("rolled-back", T0.plusSeconds(2), "202");
            assertThatThrownBy(() -> batch.apply(List.of(answered))).isInstanceOf(IllegalStateException.class);
            assertThat(store.load("rolled-back").orElseThrow().answerMs)
                    .as("rolled back")
                    .isNull();

            store.failing.set(false);
            int before = store.loads.get();
            batch.apply(List.of(
                    new CallEnded("rolled-back", T0.plusSeconds(9), Disposition.NO_ANSWER, 408, HangupSide.SYSTEM)));
            assertThat(store.loads.get() - before)
                    .as("the row read back after the failed batch")
                    .isEqualTo(1);
            CdrRow stored = store.load("rolled-back").orElseThrow();
            assertThat(stored.answerMs)
                    .as("the rolled-back answer is not written later")
                    .isNull();
            assertThat(stored.disposition).isEqualTo(Disposition.NO_ANSWER);
        }
    }

    @Test
    void theHeartbeatIsNotWrittenBackOverByALaterSave() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of())) {
            CountingStore store = CountingStore.of(pbx);
            CdrBatch batch = batchOver(pbx, store);
            long now = System.currentTimeMillis();
            batch.apply(List.of(new CallStarted(
                    "alive",
                    Instant.ofEpochMilli(now - 60_000),
                    "201",
                    "201",
                    null,
                    "202",
                    CallDirection.INTERNAL,
                    null,
                    null,
                    null)));

            assertThat(batch.touchOpen(now)).isEqualTo(1);
            batch.apply(
                    List.of(new CallRouted("alive", Instant.ofEpochMilli(now - 59_000), "extension:202", null, null)));

            assertThat(store.load("alive").orElseThrow().lastSeenMs).isEqualTo(now);
        }
    }
}
