package org.tandem.webui.calls;

import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.cdr.CallRecord;

/** How a call ended, in the words the call records, the dashboard and the portal show (not ANSWERED, NO_ANSWER). */
public final class Outcomes {

    private static final String BLOCKLIST = "blocklist:";

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

    /**
     * How the recorded call ended, with the reason in words where the record knows it (issue 17, defect 11): its
     * final SIP status (RFC 3261 §21), why Tandem hung up, which blocklist refused the caller — not "Failed" or
     * "480" alone.
     */
    public static String of(CallRecord r) {
        Disposition d = r.disposition();
        if (d == null) return of((Disposition) null);
        String cause = r.hangupCause();
        return switch (d) {
            case ANSWERED -> r.closedAtRestart() ? "Answered; cut off when Tandem restarted"
                    : cause == null ? "Answered" : "Answered; " + endedBy(cause);
            case CANCELLED -> "Cancelled by the caller";
            case BLOCKED -> "Blocked: " + blocklist(cause);
            case BUSY, NO_ANSWER, FAILED -> {
                if (r.closedAtRestart()) yield "Failed: Tandem restarted before an answer";
                String reason = r.sipStatus() == null ? null : status(r.sipStatus());
                yield reason != null ? reason : of(d);
            }
        };
    }

    /** A final failure status in words (what a person would say happened), or null for one without its own words. */
    static String status(int status) {
        return switch (status) {
            case 486 -> "Busy";
            case 600 -> "Busy everywhere";
            case 603 -> "Declined";
            case 480 -> "Not reachable (no phone registered)";
            case 408, 487 -> "No answer in time"; // 487: Tandem stopped the ringing (CANCEL) when the time was up
            case 404 -> "No such number";
            case 410 -> "Number no longer in use";
            case 484 -> "Incomplete number";
            case 403 -> "Refused";
            case 401, 407 -> "Refused: the provider wants a login";
            case 402 -> "Refused by the provider: payment required";
            case 488, 606 -> "No common audio format (codec)";
            case 482, 483 -> "Routing loop";
            case 500 -> "Error in Tandem (see the log)";
            case 502 -> "Provider or network error";
            case 503 -> "Provider or service unavailable";
            case 504 -> "The provider did not answer in time";
            default -> status >= 400 && status < 500 ? "Failed: the call was not accepted"
                    : status >= 500 && status < 600 ? "Failed: server error"
                    : status >= 600 ? "Failed: refused everywhere" : null;
        };
    }

    /** Why Tandem ended an answered call ({@code CallEnded#cause}). */
    private static String endedBy(String cause) {
        return switch (cause) {
            case "rtp-timeout" -> "ended by Tandem: no sound came from one side";
            case "dtls-failed" -> "ended by Tandem: encrypted audio (DTLS-SRTP) could not be set up";
            case "operator" -> "hung up by the operator";
            case "transferred" -> "transferred by the operator";
            default -> "ended by Tandem (" + cause + ")";
        };
    }

    /** Which list refused the caller: {@code blocklist:global}, {@code blocklist:anonymous}, {@code blocklist:201}. */
    private static String blocklist(String cause) {
        if (cause == null || !cause.startsWith(BLOCKLIST)) return "on a blocklist";
        String list = cause.substring(BLOCKLIST.length());
        return switch (list) {
            case "global" -> "on the appliance's blocklist";
            case "anonymous" -> "caller ID withheld (anonymous callers are blocked)";
            default -> "on " + list + "'s own blocklist";
        };
    }
}
