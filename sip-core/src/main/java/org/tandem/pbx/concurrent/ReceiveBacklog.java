package org.tandem.pbx.concurrent;

/**
 * Whether a transport's receive thread has datagrams waiting for it (issue 23). A message whose stripe is idle runs on
 * the receive thread itself ({@link SerialExecutors#executeHereIfIdle}): no hand-over, but then that one thread does
 * all of the work. Once datagrams queue up in its socket, it hands the tasks to the stripes' threads again, so that
 * every core shares the load at the top rates (measured: run in place always, calls through the proxy failed 1.3 % at
 * 750/s, where handing over sustained 1,000/s). The receive thread tells it for each datagram: a receive that returned
 * almost at once found the datagram already waiting. A few such receives in a row are a burst, not a backlog: a pair
 * sent back to back (a 180 and its 200), or the handful of requests a load generator sends in one tick of its clock;
 * they still run in place. From the {@link #BEHIND_IN_A_ROW}th in a row on, datagrams are queueing up. Counted from
 * the second before (session 66): at 300 REGISTERs a second, a third of them were handed over in such bursts, each
 * hand-over a stripe thread's wake-up and park; from the fourth, none were, and a REGISTER cost 0.84 of its CPU
 * without the JIT, calls the same (bench/RESULTS.md).
 */
public final class ReceiveBacklog {

    /**
     * A receive shorter than this found its datagram waiting (or one sent right behind the one before): copying a
     * waiting datagram takes a few microseconds; waking a thread blocked in the receive takes longer, and at a
     * modest rate the wait for the next datagram is hundreds of microseconds.
     */
    static final long WAITING_NANOS = 20_000;

    /** Receives in a row that found their datagram waiting, from which the receive thread counts as behind. */
    static final int BEHIND_IN_A_ROW = 4;

    /** Receives in a row that found their datagram waiting, per receive thread. */
    private static final ThreadLocal<int[]> WAITING_IN_A_ROW = ThreadLocal.withInitial(() -> new int[1]);

    private ReceiveBacklog() {}

    /** Records, for the calling receive thread, how long its last receive took. */
    public static void received(long receiveNanos) {
        int[] inARow = WAITING_IN_A_ROW.get();
        inARow[0] = receiveNanos < WAITING_NANOS ? Math.min(inARow[0] + 1, BEHIND_IN_A_ROW) : 0;
    }

    /**
     * True when the calling thread's last {@link #BEHIND_IN_A_ROW} receives found their datagrams waiting; false on any
     * other thread.
     */
    static boolean behind() {
        return WAITING_IN_A_ROW.get()[0] >= BEHIND_IN_A_ROW;
    }
}
