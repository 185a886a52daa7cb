package org.tandem.pbx.proxy.internal;

import java.util.function.IntConsumer;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.forwarding.Sipfrag;

/**
 * Where the proxy tells {@link Referrals} about transfers in passing dialogs: a REFER it forwards (RFC 3515), and the
 * NOTIFYs of a REFER Tandem sent itself, which Tandem answers.
 */
final class TransferHooks {

    private static final Logger log = LoggerFactory.getLogger(TransferHooks.class);

    private TransferHooks() {}

    /**
     * Whether {@code notify} reports on a transfer Tandem asked for itself (the operator's REFER, RFC 3515 §2.4.4). The
     * subscription is Tandem's, so Tandem answers it ({@code answer}, a 200) — the other party sent no REFER and would
     * answer 481 — and then reads its sipfrag (RFC 3420) to end the old call in time (RFC 5589 §6), also after the old
     * call has ended. False when it is not one: it goes on along the dialog.
     */
    static boolean ourTransferProgress(ProxyRuntime runtime, Request notify, Runnable answer) {
        EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
        if (event == null || !"refer".equalsIgnoreCase(event.getEventType())) return false;
        IntConsumer progress = runtime.referrals()
                .progressOf(callId(notify), ((FromHeader) notify.getHeader(FromHeader.NAME)).getTag());
        if (progress == null) return false;
        runtime.anchoredDialogs().passed(notify); // its CSeq: a BYE Tandem sends later must be higher
        answer.run();
        log.info(
                "Call {}: the transferee reports on its new call: {}",
                callId(notify),
                Sipfrag.statusLine(notify.getRawContent()));
        progress.accept(Sipfrag.status(notify.getRawContent()));
        return true;
    }

    /** A REFER forwarded in a dialog: the INVITE it leads to (RFC 3892 Referred-By) is linked to this call. */
    static void referred(ProxyRuntime runtime, TransferorStamp transferors, Request refer, String referrer) {
        Header referTo = refer.getHeader(ReferToHeader.NAME);
        if (referTo instanceof ReferToHeader h
                && h.getAddress().getURI() instanceof SipURI target
                && target.getUser() != null) {
            runtime.referrals().referred(target.getUser(), callId(refer), referrer, transferors.transferee(refer));
        }
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
