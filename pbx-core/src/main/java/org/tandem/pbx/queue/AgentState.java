package org.tandem.pbx.queue;

/** What a queue agent is doing now, as the queue sees it. */
public enum AgentState {
    /** registered, free: the next queue call may ring them */
    IDLE,
    /** a queue call rings their phones */
    RINGING,
    /** in a queue call */
    IN_QUEUE_CALL,
    /** paused in this queue (with a reason, by feature code, portal or API): its calls do not ring them */
    PAUSED,
    /** a queue call ended less than the wrap-up time ago */
    WRAP_UP,
    /** in another call (the proxy's dialog state) */
    BUSY,
    /** do-not-disturb is on */
    DND,
    /** no phone registered */
    UNAVAILABLE
}
