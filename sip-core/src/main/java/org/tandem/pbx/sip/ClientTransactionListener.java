package org.tandem.pbx.sip;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/**
 * Set as the application data of a client transaction: the dispatcher hands the transaction's
 * responses and timeout to it, on the Call-ID stripe of the request.
 */
public interface ClientTransactionListener {

    void onResponse(ResponseEvent event);

    void onTimeout(TimeoutEvent event);
}
