package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.Transferor;

/**
 * Stamps a REFER forwarded inside a dialog with who sent it ({@link Transferor}): the local user on the
 * side of the dialog whose From tag the REFER carries — the caller's tag is remembered with the answered
 * call, the callee is the other side — or nobody. A part of this process that carries the transfer out
 * (the trunk gateway) checks the call it places against that user's outbound class (issue 22). Whatever
 * stamp the sender put in the REFER is removed first: only ours, signed, counts.
 */
final class TransferorStamp {

    private static final Logger log = LoggerFactory.getLogger(TransferorStamp.class);

    private final ProxyRuntime runtime;
    private final LoopbackSignatures signatures;

    TransferorStamp(ProxyRuntime runtime, LoopbackSignatures signatures) {
        this.runtime = runtime;
        this.signatures = signatures;
    }

    /**
     * Replaces any {@link Transferor#HEADER} of {@code refer} (the copy about to be forwarded) with ours.
     *
     * @return the local extension that sent the REFER, or null
     */
    String stamp(Request refer) {
        refer.removeHeader(Transferor.HEADER);
        String callId = ((CallIdHeader) refer.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) refer.getHeader(FromHeader.NAME)).getTag();
        Transferor transferor =
                fromTag == null ? Transferor.nobody(null) : Transferor.user(sender(callId, fromTag), fromTag);
        try {
            refer.addHeader(runtime.forwarder()
                    .transports()
                    .headerFactory()
                    .createHeader(Transferor.HEADER, signatures.sign(callId, transferor.encode())));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        log.debug(
                "REFER in call {} sent by {}",
                callId,
                transferor.extension() == null ? "nobody local" : transferor.extension());
        return transferor.extension();
    }

    /** The local extension on the other side of the REFER's dialog: the one asked to place the call, or null. */
    String transferee(Request refer) {
        String callId = ((CallIdHeader) refer.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) refer.getHeader(FromHeader.NAME)).getTag();
        String callerTag = runtime.answeredCalls().callerTag(callId);
        if (callerTag == null || fromTag == null) return null;
        return runtime.dialogs().party(callId, !callerTag.equals(fromTag));
    }

    /** The local extension on the side of dialog {@code callId} with this From tag, or null. */
    private String sender(String callId, String fromTag) {
        String callerTag = runtime.answeredCalls().callerTag(callId);
        if (callerTag == null) return null; // not a call answered through this proxy: nobody we can vouch for
        return runtime.dialogs().party(callId, callerTag.equals(fromTag));
    }
}
