package org.tandem.pbx.ua;

import org.tandem.pbx.sip.InboundRequest;

/**
 * The owner of a dialog a user agent of this process holds, set as the jain-sip dialog's
 * application data. Gets every in-dialog request of it, on the dialog's Call-ID stripe.
 */
public interface LocalDialogListener {

    void onInDialogRequest(InboundRequest request);
}
