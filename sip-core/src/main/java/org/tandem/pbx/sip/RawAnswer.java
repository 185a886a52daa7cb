package org.tandem.pbx.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response to a request read from its datagram ({@link RawRequest}), written as the stack's path writes it (RFC 3261
 * §8.2.6): the top Via marked with received and rport (RFC 3581 §4), From, To with our tag ({@link
 * SipResponder#localTag}), Call-ID and CSeq, then the caller's header lines, and no body.
 */
public final class RawAnswer {

    private RawAnswer() {}

    /**
     * @param from  the From value as received (a name-addr, written back as the stack writes it)
     * @param to    the To value as received, without a tag: ours is added
     * @param lines header lines without their CRLF
     */
    public static byte[] write(
            int status,
            String reason,
            RawVia via,
            String sourceAddress,
            int sourcePort,
            String from,
            String to,
            String callId,
            String cseq,
            List<String> lines) {
        StringBuilder out = new StringBuilder(640)
                .append("SIP/2.0 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\nVia: ")
                .append(via.answered(sourceAddress, sourcePort))
                .append("\r\nFrom: ")
                .append(RawSyntax.asWritten(from))
                .append("\r\nTo: ")
                .append(RawSyntax.asWritten(to))
                .append(";tag=")
                .append(SipResponder.localTag(callId, via.branch()))
                .append("\r\nCall-ID: ")
                .append(callId)
                .append("\r\nCSeq: ")
                .append(cseq)
                .append("\r\n");
        for (String line : lines) out.append(line).append("\r\n");
        return out.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Where a response to a request with this top Via goes: with rport the source's port (RFC 3581 §4), else the
     * Via's at the source (RFC 3261 §18.2.2). */
    public static int port(RawVia via, int sourcePort) {
        return via.rport() ? sourcePort : via.port();
    }
}
