package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallQueued.Outcome;
import org.tandem.pbx.cdr.CallRecord.Queued;
import org.tandem.pbx.queue.QueueFigures;

class QueueRecordsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void countsOfferedAnsweredAbandonedSentOnAverageWaitAndServiceLevel() {
        List<Queued> calls = List.of(
                new Queued("700", Outcome.ANSWERED, 5_000, "101"),
                new Queued("700", Outcome.ANSWERED, 25_000, "102"),
                new Queued("700", Outcome.ANSWERED, 15_000, "101"),
                new Queued("700", Outcome.ABANDONED, 40_000, null),
                new Queued("700", Outcome.TIMEOUT, 300_000, null),
                new Queued("700", Outcome.FULL, 0, null));
        QueueFigures f = QueueRecords.count("700", DAY, calls, 20);
        assertThat(f.offered()).isEqualTo(6);
        assertThat(f.answered()).isEqualTo(3);
        assertThat(f.abandoned()).isEqualTo(1);
        assertThat(f.sentOn()).isEqualTo(2);
        assertThat(f.averageWaitSeconds()).as("of answered callers").isEqualTo(15.0);
        // answered within 20 s: 2 of the 4 answered or abandoned
        assertThat(f.serviceLevelPercent()).isEqualTo(50.0);
        assertThat(f.agents())
                .containsExactly(
                        new QueueFigures.AgentFigures("101", 2, 10.0), new QueueFigures.AgentFigures("102", 1, 25.0));
    }

    @Test
    void callersWhoLeftByTheKeyAreTheirOwnOutcomeOutsideTheServiceLevel() {
        List<Queued> calls = List.of(
                new Queued("700", Outcome.ANSWERED, 5_000, "101"),
                new Queued("700", Outcome.LEFT_BY_KEY, 50_000, null),
                new Queued("700", Outcome.LEFT_BY_KEY, 70_000, null),
                new Queued("700", Outcome.ABANDONED, 30_000, null),
                new Queued("700", Outcome.EMPTY, 0, null));
        QueueFigures f = QueueRecords.count("700", DAY, calls, 20);
        assertThat(f.offered()).isEqualTo(5);
        assertThat(f.leftByKey()).isEqualTo(2);
        assertThat(f.abandoned()).isEqualTo(1);
        assertThat(f.sentOn()).as("only EMPTY").isEqualTo(1);
        assertThat(f.serviceLevelPercent())
                .as("1 of the answered or abandoned 2")
                .isEqualTo(50.0);
    }

    @Test
    void aDayWithoutCallsHasFullServiceLevelAndNoAverage() {
        QueueFigures f = QueueRecords.count("700", DAY, List.of(), 20);
        assertThat(f.offered()).isZero();
        assertThat(f.averageWaitSeconds()).isZero();
        assertThat(f.serviceLevelPercent()).isEqualTo(100.0);
    }
}
