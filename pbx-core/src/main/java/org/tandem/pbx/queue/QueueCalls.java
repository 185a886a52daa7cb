package org.tandem.pbx.queue;

import java.time.LocalDate;
import java.util.Optional;

/** The queues at run time: who waits and the agents' states now, and each day's figures. */
public interface QueueCalls {

    /** Queue {@code number} now; empty when there is no such queue. */
    Optional<QueueStatus> status(String number);

    /** The figures of queue {@code number} for {@code day} (in the appliance's zone), from the call records. */
    QueueFigures figures(String number, LocalDate day);
}
