package org.tandem.pbx.routing;

/**
 * A new call as the router sees it: who calls and what they dialled.
 *
 * @param callId          the INVITE's Call-ID
 * @param callerExtension the authenticated local extension calling, or null (trunk, anonymous)
 * @param callerNumber    the From user part (the number presented), never null
 * @param callerName      the From display name, or null
 * @param dialled         the Request-URI user part as received
 * @param origin          what this process vouched for (an inbound trunk call), or null
 * @param replaces        the INVITE carries Replaces (RFC 3891): it targets an existing dialog and
 *                        is not subject to forwarding, do-not-disturb or ring groups
 * @param referrer        the local extension whose REFER (RFC 3515) asked the caller to place this call: their
 *                        outbound class applies too; {@link TrustedOrigin#NOBODY} when someone who is no local user
 *                        referred the caller (no external number then); null for a call that was not referred
 */
public record CallRequest(
        String callId,
        String callerExtension,
        String callerNumber,
        String callerName,
        String dialled,
        TrustedOrigin origin,
        boolean replaces,
        String referrer) {

    /** A call nobody referred. */
    public CallRequest(
            String callId,
            String callerExtension,
            String callerNumber,
            String callerName,
            String dialled,
            TrustedOrigin origin,
            boolean replaces) {
        this(callId, callerExtension, callerNumber, callerName, dialled, origin, replaces, null);
    }
}
