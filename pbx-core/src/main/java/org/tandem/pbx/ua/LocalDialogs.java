package org.tandem.pbx.ua;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.NewInvite;
import org.tandem.pbx.sip.SipHandlerSlot;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;

/**
 * Takes the in-dialog requests of dialogs held by user agents in this process (the stack matched
 * them to a dialog created with {@code getNewDialog}) before the proxy sees them.
 */
public class LocalDialogs implements SipRequestHandler {

    private final SipResponder responder;

    public LocalDialogs(SipResponder responder) {
        this.responder = responder;
    }

    @Override
    public SipHandlerSlot slot() {
        return SipHandlerSlot.LOCAL_DIALOGS;
    }

    @Override
    public boolean mayAcceptNewInvite(NewInvite invite) {
        return false; // in-dialog requests of our own dialogs only; a new INVITE has no dialog
    }

    @Override
    public boolean accepts(InboundRequest request) {
        Dialog dialog = request.event().getDialog();
        return dialog != null && dialog.getApplicationData() instanceof LocalDialogListener;
    }

    @Override
    public void handle(InboundRequest request) {
        Dialog dialog = request.event().getDialog();
        LocalDialogListener listener = (LocalDialogListener) dialog.getApplicationData();
        if (listener == null) {
            if (!Request.ACK.equals(request.method())) {
                ServerTransaction tx = responder.serverTransaction(request);
                responder.reply(tx, request.request(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        listener.onInDialogRequest(request);
    }
}
