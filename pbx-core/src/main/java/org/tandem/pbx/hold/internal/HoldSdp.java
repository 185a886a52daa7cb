package org.tandem.pbx.hold.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bits of SDP (RFC 4566) music on hold reads and rewrites. */
final class HoldSdp {

    private HoldSdp() {
    }

    /** RFC 3264 §8.4: an offer that puts the call on hold (sendonly, inactive, or RFC 2543's c=0.0.0.0). */
    static boolean isHold(String sdp) {
        for (String line : lines(sdp)) {
            String l = line.strip().toLowerCase(Locale.ROOT);
            if (l.equals("a=sendonly") || l.equals("a=inactive") || l.startsWith("c=in ip4 0.0.0.0")) return true;
        }
        return false;
    }

    /**
     * {@code holdOffer} with its audio stream moved to {@code host}:{@code port} and made {@code sendonly} (we send
     * music, the held phone sends nothing): the formats stay the holder's, so the held phone picks one it took before.
     * Other streams (video) are left as they are.
     */
    static String pointAudioAt(String holdOffer, String host, int port) {
        String family = host.contains(":") ? "IP6" : "IP4";
        List<String> out = new ArrayList<>();
        boolean inAudio = false;
        boolean sessionLevel = true;
        boolean directionWritten = false;
        for (String line : lines(holdOffer)) {
            if (line.startsWith("m=")) {
                if (inAudio && !directionWritten) out.add("a=sendonly");
                sessionLevel = false;
                inAudio = line.startsWith("m=audio ");
                directionWritten = false;
                if (inAudio) {
                    String[] f = line.split(" ", 3);
                    out.add(f[0] + " " + port + " " + f[2]);
                    out.add("c=IN " + family + " " + host);
                    continue;
                }
            } else if (line.startsWith("c=") && (sessionLevel || inAudio)) {
                if (sessionLevel) out.add(line); // keeps other streams where they were; audio gets its own c=
                continue;
            } else if (inAudio && isDirection(line)) {
                if (!directionWritten) out.add("a=sendonly");
                directionWritten = true;
                continue;
            } else if (inAudio && line.startsWith("a=rtcp:")) {
                continue; // RFC 3605: the holder's RTCP port, not ours (ours is the next one, the default)
            } else if (sessionLevel && isDirection(line)) {
                continue; // the audio stream gets its own direction
            }
            out.add(line);
        }
        if (inAudio && !directionWritten) out.add("a=sendonly");
        return String.join("\r\n", out) + "\r\n";
    }

    private static boolean isDirection(String line) {
        String l = line.strip();
        return l.equals("a=sendonly") || l.equals("a=recvonly") || l.equals("a=sendrecv") || l.equals("a=inactive");
    }

    private static String[] lines(String sdp) {
        return sdp.strip().split("\r?\n");
    }
}
