package org.tandem.pbx.ua;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little SDP (RFC 4566) a user agent without media needs: an answer that declines every offered
 * stream (RFC 3264 §6: port zero, one of the offered formats kept), or an inactive offer.
 */
public final class Sdp {

    private Sdp() {
    }

    /** An answer to {@code offer} that declines all of its media streams. */
    public static String declineAll(byte[] offer, String host) {
        List<String> media = new ArrayList<>();
        for (String line : new String(offer, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.startsWith("m=")) continue;
            String[] f = line.substring(2).trim().split("\\s+");
            if (f.length < 4) continue;
            media.add("m=" + f[0] + " 0 " + f[2] + " " + f[3]);
        }
        StringBuilder sdp = header(host);
        if (media.isEmpty()) media.add("m=audio 0 RTP/AVP 0");
        media.forEach(m -> sdp.append(m).append("\r\n"));
        return sdp.toString();
    }

    /** An offer of one inactive PCMU stream (for an INVITE without an offer). */
    public static String inactiveOffer(String host) {
        return header(host).append("m=audio 9 RTP/AVP 0\r\na=inactive\r\n").toString();
    }

    private static StringBuilder header(String host) {
        String family = host.contains(":") ? "IP6" : "IP4";
        return new StringBuilder("v=0\r\no=tandem 1 1 IN ").append(family).append(' ').append(host)
                .append("\r\ns=-\r\nc=IN ").append(family).append(' ').append(host).append("\r\nt=0 0\r\n");
    }
}
