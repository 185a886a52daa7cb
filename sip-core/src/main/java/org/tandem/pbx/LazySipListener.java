package org.tandem.pbx;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.sip.SipDispatcher;

/** Breaks the construction cycle transports → listener → handlers → transports. */
final class LazySipListener implements SipListener {

    private final ObjectProvider<SipDispatcher> dispatcher;
    private volatile SipDispatcher resolved;

    LazySipListener(ObjectProvider<SipDispatcher> dispatcher) {
        this.dispatcher = dispatcher;
    }

    private SipDispatcher d() {
        SipDispatcher r = resolved;
        if (r == null) resolved = r = dispatcher.getObject();
        return r;
    }

    @Override
    public void processRequest(RequestEvent e) {
        d().processRequest(e);
    }

    @Override
    public void processResponse(ResponseEvent e) {
        d().processResponse(e);
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        d().processTimeout(e);
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        d().processIOException(e);
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
        d().processTransactionTerminated(e);
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
        d().processDialogTerminated(e);
    }
}
