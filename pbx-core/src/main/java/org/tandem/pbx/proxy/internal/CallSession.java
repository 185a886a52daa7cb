package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.List;
import org.tandem.pbx.forwarding.ContactMasks;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.sip.InboundRequest;

/**
 * What a routed call's {@link ResponseContext} needs besides the request: built by the proxy for out-of-dialog
 * INVITEs.
 *
 * @param inbound         the INVITE as it arrived (its real source and transport)
 * @param request         the call as the dial plan saw it
 * @param attempt         the call's record and events
 * @param branches        makes each ring step's copies of the INVITE
 * @param defaultRingTime a ring step's time when the step names none
 */
record CallSession(
        InboundRequest inbound,
        CallRequest request,
        CallAttempt attempt,
        RingBranches branches,
        Duration defaultRingTime) {

    /** Each copy's Contact masked as {@link ContactMasks} rules for the party it goes to (a provider, a phone). */
    void maskContacts(ContactMasks masks, List<RingBranches.Built> built) {
        for (RingBranches.Built b : built) {
            masks.onRequest(
                    inbound.sourceAddress(),
                    b.copy(),
                    b.hop().getTransport(),
                    b.outside() ? b.providerHost() : b.hop().getHost());
        }
    }
}
