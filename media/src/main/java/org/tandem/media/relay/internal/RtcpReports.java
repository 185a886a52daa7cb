package org.tandem.media.relay.internal;

import java.nio.ByteBuffer;

/**
 * What a party says in its RTCP about the stream it receives (RFC 3550 §6.4.1 SR / §6.4.2 RR report blocks):
 * cumulative number of packets lost and interarrival jitter. Read from compound packets without copying.
 */
final class RtcpReports {

    private volatile long reportedLost;
    private volatile double reportedJitterMillis = -1;

    /** Reads the first report block of each SR/RR in the compound packet {@code p} (position 0 to limit). */
    void read(ByteBuffer p, int clockRate) {
        int offset = 0;
        int limit = p.limit();
        while (offset + 8 <= limit) {
            int first = p.get(offset) & 0xff;
            if ((first >> 6) != 2) return; // not RTCP version 2
            int count = first & 0x1f;
            int type = p.get(offset + 1) & 0xff;
            int length = ((p.getShort(offset + 2) & 0xffff) + 1) * 4;
            if (length <= 0 || offset + length > limit) return;
            int block = type == 200 ? offset + 28 : type == 201 ? offset + 8 : -1; // SR has 20 bytes of sender info
            if (block > 0 && count > 0 && block + 24 <= offset + length) {
                long cumulative = ((p.get(block + 5) & 0xffL) << 16)
                        | ((p.get(block + 6) & 0xffL) << 8)
                        | (p.get(block + 7) & 0xffL);
                if ((cumulative & 0x800000L) != 0) cumulative -= 0x1000000L; // signed: duplicates outnumber losses
                long jitter = p.getInt(block + 12) & 0xffffffffL;
                reportedLost = cumulative;
                reportedJitterMillis = jitter * 1000.0 / (clockRate > 0 ? clockRate : 8000);
            }
            offset += length;
        }
    }

    long reportedLost() {
        return reportedLost;
    }

    double reportedJitterMillis() {
        return reportedJitterMillis;
    }
}
