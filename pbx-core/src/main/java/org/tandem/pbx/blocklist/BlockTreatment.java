package org.tandem.pbx.blocklist;

/** What a blocked caller gets. */
public enum BlockTreatment {
    /** 486 Busy Here (RFC 3261 §21.4.24): the caller hears a busy tone, as if the line were in use. */
    BUSY(486, "Busy Here"),
    /** 603 Decline (RFC 3261 §21.6.2): the call is hung up; carriers usually play their own announcement. */
    DECLINE(603, "Decline"),
    /** 403 Forbidden (RFC 3261 §21.4.4): the call is hung up. */
    FORBIDDEN(403, "Forbidden"),
    /** The media services answer, play the policy's prompt and hang up (BYE with a Reason, RFC 3326). */
    PROMPT(0, null);

    private final int status;
    private final String reason;

    BlockTreatment(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The final response of a refusing treatment; 0 for {@link #PROMPT}. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
