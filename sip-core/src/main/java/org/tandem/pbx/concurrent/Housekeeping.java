package org.tandem.pbx.concurrent;

import java.time.Duration;

/**
 * When the appliance's periodic housekeeping first runs: {@link #FIRST_RUN} after it is scheduled (during the start),
 * or at its period when that is shorter, then at its period. This covers the frequent clean-ups of stored rows —
 * expired bindings, expired offline messages, recordings past their retention, old message history — not the daily
 * deletes of records (call records, audit log), which wait minutes so a start never pays for a day's backlog.
 *
 * <p>Why not one period after the start: what expired while the appliance was stopped goes at once (an offline message
 * past its keep-for is dropped and its sender told, a recording past its retention deleted; the registrar's start
 * deletes expired bindings itself), and a task's one-time costs fall in the start's first seconds
 * instead of a minute into service. Measured (bench/RESULTS.md, session 55): the first runs load their classes
 * (Spring's transaction interceptor, the registrar's delete operations) and bring new statement shapes to H2's code
 * that the registrations share; the JIT then threw away and compiled again what it had compiled for the
 * registrations alone (about half a second of C2 in the first measured REGISTER round, a minute after the start).
 */
public final class Housekeeping {

    /** How long after being scheduled a periodic clean-up first runs (unless its period is shorter). */
    public static final Duration FIRST_RUN = Duration.ofSeconds(5);

    private Housekeeping() {}

    /** The delay before the first run of a clean-up that runs every {@code period}. */
    public static long firstRunMillis(Duration period) {
        return Math.min(period.toMillis(), FIRST_RUN.toMillis());
    }
}
