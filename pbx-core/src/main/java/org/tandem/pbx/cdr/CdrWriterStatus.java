package org.tandem.pbx.cdr;

/** The CDR writer's queue, for health and metrics: a rejected event is a call detail lost. */
public interface CdrWriterStatus {

    /** Call events waiting for their database write. */
    int queued();

    /** Call events dropped because the queue was full (load shedding). */
    long rejectedCount();

    /** Call events whose write failed (logged with their Call-ID). */
    long failedCount();
}
