package org.tandem.media.relay;

import java.net.InetSocketAddress;

/**
 * Counters of one leg. "Received" is what its party sent to the relay; "sent" is what the relay sent to its party.
 *
 * @param latchedRtp       the party's RTP source the relay latched onto, or null while none
 * @param packetsLost      RTP packets missing from the party's stream (RFC 3550 A.3, from sequence numbers)
 * @param jitterMillis     interarrival jitter of the party's stream (RFC 3550 A.8), in ms
 * @param reportedLost     cumulative lost the party itself reported in RTCP (RFC 3550 §6.4.1) about what it
 *                         received; signed (negative when duplicates outnumbered losses); 0 when it sent no report
 * @param reportedJitterMillis jitter the party reported in RTCP, in ms; -1 when it sent no report
 * @param dropped          packets refused: from a source that was not allowed or not the latched one (RTP bleed),
 *                         and those that failed SRTP authentication
 * @param srtpAuthFailures of those, the SRTP/SRTCP packets that failed authentication or were replays (RFC 3711
 *                         §3.3): never forwarded; a steady count means a wrong key or an attack
 */
public record LegStats(
        long packetsReceived,
        long bytesReceived,
        long packetsSent,
        long bytesSent,
        InetSocketAddress latchedRtp,
        long packetsLost,
        double jitterMillis,
        long reportedLost,
        double reportedJitterMillis,
        long dropped,
        long srtpAuthFailures) {

    /** Stats of a plain-RTP leg. */
    public LegStats(
            long packetsReceived,
            long bytesReceived,
            long packetsSent,
            long bytesSent,
            InetSocketAddress latchedRtp,
            long packetsLost,
            double jitterMillis,
            long reportedLost,
            double reportedJitterMillis,
            long dropped) {
        this(
                packetsReceived,
                bytesReceived,
                packetsSent,
                bytesSent,
                latchedRtp,
                packetsLost,
                jitterMillis,
                reportedLost,
                reportedJitterMillis,
                dropped,
                0);
    }
}
