package org.tandem.pbx.anchor.internal;

import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.Sdes;

/**
 * What the decision to anchor a new call needs from an offer of plain RTP: the profile of its first audio stream
 * ({@link SessionDescription#firstAudio}) and the connection address of its primary stream
 * ({@link AnchoredSdp#primaryAddress}), read off the m= and c= lines without building the SDP model (issue 23: the
 * parse cost more than the decision for a call that stays direct). The lines are read as {@link
 * SessionDescription#parse} reads them (RFC 4566 §5); an offer it would refuse, or one whose first audio stream is SRTP
 * (SDES or DTLS: its keys need the model), gives null, and the full parse decides.
 *
 * @param audioProto     the first audio stream's profile (a port other than 0), null when there is none
 * @param primaryAddress the primary stream's c= address (its own, else the session's), null when none is relayed
 */
record PlainOffer(String audioProto, String primaryAddress) {

    /** The facts of a plain-RTP offer; null for an offer that is not, or that the SDP model would not read. */
    static PlainOffer scan(String sdp) {
        if (sdp == null || sdp.isBlank()) return null;
        String sessionAddress = null; // the first session-level c=
        Section section = null;
        Section firstAudio = null;
        Section primaryAudio = null;
        Section primaryAny = null;
        int start = 0;
        int length = sdp.length();
        while (start <= length) {
            int newline = sdp.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            // each line stripped, blank ones skipped (as split("\r?\n") then strip())
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(sdp.charAt(from))) from++;
            while (to > from && Character.isWhitespace(sdp.charAt(to - 1))) to--;
            start = end + 1;
            if (from == to) continue;
            if (to - from < 2 || sdp.charAt(from + 1) != '=') return null; // not an SDP line: the model refuses it
            char type = sdp.charAt(from);
            if (type == 'm') {
                section = Section.of(fields(sdp, from + 2, to));
                if (section == null) return null;
                if (section.port != 0) {
                    boolean audio = section.type.equals("audio");
                    if (audio && firstAudio == null) firstAudio = section;
                    if (section.proto.contains("RTP/")) { // relayed (AnchoredSdp.relayed)
                        if (audio && primaryAudio == null) primaryAudio = section;
                        if (primaryAny == null) primaryAny = section;
                    }
                }
            } else if (type == 'c') {
                String address = connectionAddress(fields(sdp, from + 2, to));
                if (address == null) return null;
                if (section == null) {
                    if (sessionAddress == null) sessionAddress = address;
                } else if (section.address == null) {
                    section.address = address;
                }
            }
        }
        if (firstAudio != null && (Sdes.isSdesProfile(firstAudio.proto) || DtlsSides.isDtlsProfile(firstAudio.proto))) {
            return null;
        }
        Section primary = primaryAudio != null ? primaryAudio : primaryAny;
        String primaryAddress = primary == null ? null : primary.address != null ? primary.address : sessionAddress;
        return new PlainOffer(firstAudio == null ? null : firstAudio.proto, primaryAddress);
    }

    /**
     * The first three fields of the line value {@code sdp[from, to)} as the SDP model's {@code value.trim().split("\\s+")}
     * gives them (no regex: it was half the scan); null when it has fewer.
     */
    static String[] fields(String sdp, int from, int to) {
        while (from < to && sdp.charAt(from) <= ' ') from++; // trim()
        while (to > from && sdp.charAt(to - 1) <= ' ') to--;
        String[] fields = new String[3];
        int n = 0;
        int i = from;
        while (n < 3 && i < to) {
            int start = i;
            while (i < to && !isBlank(sdp.charAt(i))) i++;
            fields[n++] = sdp.substring(start, i);
            while (i < to && isBlank(sdp.charAt(i))) i++;
        }
        return n == 3 ? fields : null;
    }

    /** The regex {@code \s}: [ \t\n\x0B\f\r]. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** A c= line's address as the SDP model reads it (a multicast TTL suffix dropped); null for a bad line. */
    private static String connectionAddress(String[] parts) {
        if (parts == null || !parts[0].equals("IN")) return null;
        int slash = parts[2].indexOf('/');
        return slash < 0 ? parts[2] : parts[2].substring(0, slash);
    }

    /** One m= section: {@code m=<media> <port>[/<count>] <proto> <fmt> ...} (RFC 4566 §5.14) and its own c=. */
    private static final class Section {
        final String type;
        final int port;
        final String proto;
        String address;

        private Section(String type, int port, String proto) {
            this.type = type;
            this.port = port;
            this.proto = proto;
        }

        /** Null for an m= line the SDP model refuses. */
        static Section of(String[] parts) {
            if (parts == null) return null;
            int slash = parts[1].indexOf('/');
            int port;
            try {
                port = Integer.parseInt(slash < 0 ? parts[1] : parts[1].substring(0, slash));
            } catch (NumberFormatException e) {
                return null;
            }
            if (port < 0 || port > 65535) return null;
            return new Section(parts[0], port, parts[2]);
        }
    }
}
