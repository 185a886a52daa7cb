package org.tandem.pbx.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue figures' CSV: a header, per day the queue's row and one row per agent, CRLF, RFC 4180 quoting. */
class QueueFiguresCsvTest {

    @Test
    void oneRowPerDayAndOnePerAgent() {
        QueueFigures monday = new QueueFigures(
                "700",
                LocalDate.of(2026, 11, 23),
                10,
                7,
                2,
                1,
                0,
                12.5,
                71.4,
                20,
                List.of(new QueueFigures.AgentFigures("101", 4, 10.0), new QueueFigures.AgentFigures("102", 3, 15.8)));
        QueueFigures tuesday =
                new QueueFigures("700", LocalDate.of(2026, 11, 24), 0, 0, 0, 0, 0, 0, 100, 20, List.of());
        String csv = QueueFiguresCsv.of(List.of(monday, tuesday));
        assertThat(csv.split("\r\n", -1))
                .containsExactly(
                        "date,queue,agent,offered,answered,abandoned,left_by_key,sent_on,average_wait_seconds,"
                                + "service_level_percent,service_level_seconds",
                        "2026-11-23,700,,10,7,2,1,0,12.5,71.4,20",
                        "2026-11-23,700,101,,4,,,,10.0,,",
                        "2026-11-23,700,102,,3,,,,15.8,,",
                        "2026-11-24,700,,0,0,0,0,0,0.0,100.0,20",
                        "");
    }
}
