package org.tandem.webui.queue;

import java.time.Instant;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.pbx.queue.QueueStatus;

/**
 * One queue on the wallboard: callers waiting and the longest wait now; agents available (idle), busy (ringing, in a
 * queue call, in another call, in wrap-up) and paused; today's answered, abandoned and service level. Agents in DND or
 * without a registered phone are in none of the three. Without {@code today} (the dashboard's tile) its figures are 0.
 */
record WallboardTile(
        String number,
        String name,
        int waiting,
        long longestWaitSeconds,
        long available,
        long busy,
        long paused,
        long answered,
        long abandoned,
        double serviceLevelPercent) {

    static WallboardTile of(String name, QueueStatus now, QueueFigures today, Instant at) {
        long available = 0;
        long busy = 0;
        long paused = 0;
        for (QueueStatus.Agent a : now.agents()) {
            switch (a.state()) {
                case IDLE -> available++;
                case RINGING, IN_QUEUE_CALL, BUSY, WRAP_UP -> busy++;
                case PAUSED -> paused++;
                case DND, UNAVAILABLE -> {}
            }
        }
        return new WallboardTile(
                now.number(),
                name,
                now.waiting().size(),
                now.longestWaitSeconds(at),
                available,
                busy,
                paused,
                today == null ? 0 : today.answered(),
                today == null ? 0 : today.abandoned(),
                today == null ? 0 : today.serviceLevelPercent());
    }

    /** A wait as m:ss (h:mm:ss from an hour on). */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    static String percent(double p) {
        return Math.round(p) + "%";
    }
}
