package org.tandem.pbx.sip;

import java.nio.charset.StandardCharsets;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

/** The SDP body of a SIP message (RFC 3264 §5: Content-Type application/sdp), for the one SDP model to parse. */
public final class SdpBody {

    private SdpBody() {}

    /** The body as text when it is SDP; null when there is no body or it is of another type. */
    public static String of(Message m) {
        ContentTypeHeader type = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        byte[] raw = m.getRawContent();
        if (type == null || raw == null || raw.length == 0 || !"sdp".equalsIgnoreCase(type.getContentSubType()))
            return null;
        return new String(raw, StandardCharsets.UTF_8);
    }
}
