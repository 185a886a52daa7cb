package org.tandem.pbx.concurrent;

/**
 * Whether a transport's receive thread has datagrams waiting for it (issue 23). A message whose stripe is idle runs on
 * the receive thread itself ({@link SerialExecutors#executeHereIfIdle}): no hand-over, but then that one thread does
 * all of the work. Once datagrams queue up in its socket, it hands the tasks to the stripes' threads again, so that
 * every core shares the load at the top rates (measured: run in place always, calls through the proxy failed 1.3 % at
 * 750/s, where handing over sustained 1,000/s). The receive thread tells it for each datagram: a receive that returned
 * almost at once found the datagram already waiting. One such receive is a pair sent back to back (a 180 and its
 * 200): the second still runs in place; from the second in a row on, datagrams are queueing up.
 */
public final class ReceiveBacklog {

    /**
     * A receive shorter than this found its datagram waiting (or one sent right behind the one before): copying a
     * waiting datagram takes a few microseconds; waking a thread blocked in the receive takes longer, and at a
     * modest rate the wait for the next datagram is hundreds of microseconds.
     */
    static final long WAITING_NANOS = 20_000;

    /** Receives in a row that found their datagram waiting, per receive thread. */
    private static final ThreadLocal<int[]> WAITING_IN_A_ROW = ThreadLocal.withInitial(() -> new int[1]);

    private ReceiveBacklog() {}

    /** Records, for the calling receive thread, how long its last receive took. */
    public static void received(long receiveNanos) {
        int[] inARow = WAITING_IN_A_ROW.get();
        inARow[0] = receiveNanos < WAITING_NANOS ? Math.min(inARow[0] + 1, 2) : 0;
    }

    /** True when the calling thread's last two receives found their datagrams waiting; false on any other thread. */
    static boolean behind() {
        return WAITING_IN_A_ROW.get()[0] >= 2;
    }
}
