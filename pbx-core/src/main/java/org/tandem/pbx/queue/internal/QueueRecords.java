package org.tandem.pbx.queue.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.queue.QueueFigures;

/** A queue's daily figures, counted from the call records' queue columns (so they survive a restart). */
@Component
public class QueueRecords {

    private final CallRecords records;

    public QueueRecords(CallRecords records) {
        this.records = records;
    }

    QueueFigures figures(String number, LocalDate day, ZoneId zone, int serviceLevelSeconds) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return count(number, day, records.queuedCalls(number, from, to), serviceLevelSeconds);
    }

    /** The figures of {@code calls} (pure: tested without a database). */
    static QueueFigures count(String number, LocalDate day, List<CallRecord.Queued> calls, int serviceLevelSeconds) {
        long answered = 0;
        long abandoned = 0;
        long sentOn = 0;
        long leftByKey = 0;
        long withinLevel = 0;
        long answeredWaitMs = 0;
        Map<String, long[]> agents = new TreeMap<>(); // answered, total wait ms
        for (CallRecord.Queued c : calls) {
            if (c.outcome() == CallQueued.Outcome.ANSWERED) {
                answered++;
                answeredWaitMs += c.waitMillis();
                if (c.waitMillis() <= serviceLevelSeconds * 1000L) withinLevel++;
                if (c.agent() != null) {
                    long[] a = agents.computeIfAbsent(c.agent(), k -> new long[2]);
                    a[0]++;
                    a[1] += c.waitMillis();
                }
            } else if (c.outcome() == CallQueued.Outcome.ABANDONED) {
                abandoned++;
            } else if (c.outcome() == CallQueued.Outcome.LEFT_BY_KEY) {
                leftByKey++;
            } else {
                sentOn++;
            }
        }
        List<QueueFigures.AgentFigures> perAgent = new ArrayList<>();
        agents.forEach((ext, a) -> perAgent.add(new QueueFigures.AgentFigures(ext, a[0], seconds(a[1], a[0]))));
        long judged = answered + abandoned;
        double level = judged == 0 ? 100.0 : Math.round(1000.0 * withinLevel / judged) / 10.0;
        return new QueueFigures(
                number,
                day,
                calls.size(),
                answered,
                abandoned,
                leftByKey,
                sentOn,
                seconds(answeredWaitMs, answered),
                level,
                serviceLevelSeconds,
                perAgent);
    }

    private static double seconds(long totalMs, long count) {
        return count == 0 ? 0 : Math.round(totalMs / (double) count / 100.0) / 10.0;
    }
}
