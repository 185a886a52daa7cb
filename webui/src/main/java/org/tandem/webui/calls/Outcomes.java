package org.tandem.webui.calls;

import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;

/** How a call ended, in the words the call records, the dashboard and the portal show (not ANSWERED, NO_ANSWER). */
public final class Outcomes {

    private Outcomes() {
    }

    /** Which way a call went, in words (not INBOUND). */
    public static String of(CallDirection d) {
        if (d == null) return "";
        return switch (d) {
            case INTERNAL -> "Internal";
            case INBOUND -> "Incoming";
            case OUTBOUND -> "Outgoing";
        };
    }

    /** @param d null while the call is still going on */
    public static String of(Disposition d) {
        if (d == null) return "In progress";
        return switch (d) {
            case ANSWERED -> "Answered";
            case NO_ANSWER -> "Not answered";
            case BUSY -> "Busy or declined";
            case FAILED -> "Failed";
            case CANCELLED -> "Caller hung up before an answer";
            case BLOCKED -> "Blocked caller";
        };
    }
}
