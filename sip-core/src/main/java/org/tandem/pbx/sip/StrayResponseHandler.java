package org.tandem.pbx.sip;

import javax.sip.ResponseEvent;

/**
 * Receives responses that match no client transaction, e.g. retransmitted 2xx to an INVITE after the
 * transaction ended; a proxy forwards them statelessly (RFC 3261 §16.7 step 1, §16.11).
 */
public interface StrayResponseHandler {

    void onStrayResponse(ResponseEvent event);
}
