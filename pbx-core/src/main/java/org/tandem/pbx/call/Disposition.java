package org.tandem.pbx.call;

/** How a call attempt ended, as call detail records name it. */
public enum Disposition {
    ANSWERED,
    NO_ANSWER,
    BUSY,
    FAILED,
    CANCELLED,
    /** The caller is on a blocklist: refused or given the blocklist's prompt, whatever the status said. */
    BLOCKED;

    /**
     * The disposition of an attempt that ended with the non-2xx final {@code status}.
     *
     * @param cancelledByCaller the caller sent CANCEL (RFC 3261 §9) before any answer
     */
    public static Disposition ofFailure(int status, boolean cancelledByCaller) {
        if (cancelledByCaller) return CANCELLED;
        return switch (status) {
            case 486, 600, 603 -> BUSY; // busy here / busy everywhere / declined
            case 408, 480, 487 -> NO_ANSWER; // nobody answered in time, or nobody reachable
            default -> FAILED;
        };
    }
}
