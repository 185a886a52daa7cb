package org.tandem.pbx.routing;

/**
 * One external target the proxy wants to reach.
 *
 * @param callId          the Call-ID of the call attempt (the proxy's, as in the call events)
 * @param callerExtension the local extension on whose behalf the number is called — the one who dialled
 *                        it, or whose forwarding/ring group leads there; its permission class applies.
 *                        Null when nobody local is behind it (a trunk call sent straight out by a DID route).
 * @param callerNumber    the original caller's number (From user part), for caller ID where the trunk allows it
 * @param callerName      the original caller's display name, or null
 * @param number          the external number as the dial plan has it (dialled, or a configured forward target)
 * @param dialledByUser   true when a person dialled {@code number}, false when it comes from configuration
 *                        (forward, ring group member): configured targets are not subject to dial patterns
 *                        for prefix stripping but still to permission classes
 * @param inboundTrunk    the trunk the call came in on, or null
 * @param outsideCaller   true when the party to be connected to {@code number} is not a local user (a trunk's
 *                        caller, an anonymous one): a forward of such a caller out of a trunk needs the
 *                        forwarding user's own permission besides the class (issue 22)
 */
public record ExternalCallRequest(
        String callId,
        String callerExtension,
        String callerNumber,
        String callerName,
        String number,
        boolean dialledByUser,
        String inboundTrunk,
        boolean outsideCaller) {

    /** A request for a local caller's call (no outside party). */
    public ExternalCallRequest(
            String callId,
            String callerExtension,
            String callerNumber,
            String callerName,
            String number,
            boolean dialledByUser,
            String inboundTrunk) {
        this(callId, callerExtension, callerNumber, callerName, number, dialledByUser, inboundTrunk, false);
    }
}
