package org.tandem.pbx.routing;

import javax.sip.ServerTransaction;
import org.tandem.pbx.sip.InboundRequest;

/**
 * A user agent inside this process that answers calls (RFC 3261 §12 UAS): feature codes now, voicemail,
 * conference and IVR later. It takes over the INVITE's server transaction (a 100 Trying may already
 * have gone out) and owns the dialog from then on. Runs on the call's stripe; must not block.
 */
public interface LocalService {

    void serve(InboundRequest invite, ServerTransaction server, CallRequest call);
}
