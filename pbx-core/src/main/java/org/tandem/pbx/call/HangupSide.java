package org.tandem.pbx.call;

/** Who ended an answered call (sent the BYE), or who ended an unanswered attempt. */
public enum HangupSide {
    CALLER,
    CALLEE,
    /** The PBX itself: no-answer timeout, no route, refusal, restart. */
    SYSTEM
}
