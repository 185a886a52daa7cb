package org.tandem.pbx.proxy.internal;

import java.text.ParseException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.hold.MusicOnHold;
import org.tandem.pbx.sip.SdpBody;

/** Where the proxy tells music on hold about in-dialog INVITEs and their answers. */
final class HoldHooks {

    private HoldHooks() {}

    /** Before an in-dialog INVITE is forwarded: a hold offer is replaced by music on hold's. */
    static void reInvite(MusicOnHold hold, Request copy) {
        String sdp = sdp(copy);
        String replaced = hold.onReInvite(callId(copy), holder(copy), cseq(copy), sdp);
        if (replaced == null) return;
        try {
            copy.setContent(replaced, (ContentTypeHeader) copy.getHeader(ContentTypeHeader.NAME));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The final response to an INVITE that was not a new call (a re-INVITE; a spiral does no harm). */
    static void answered(MusicOnHold hold, Request request, Response response) {
        hold.onAnswer(callId(request), holder(request), cseq(request), response.getStatusCode(), sdp(response));
    }

    private static String sdp(Message m) {
        return SdpBody.of(m);
    }

    private static String callId(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String holder(Message m) {
        return ((FromHeader) m.getHeader(FromHeader.NAME)).getTag();
    }

    private static long cseq(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
