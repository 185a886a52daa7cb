package org.tandem.media.srtp;

/** RFC 3711 §3.3.2: a 64-packet sliding window over packet indices; a packet seen before or older is a replay. */
final class ReplayWindow {

    private static final int SIZE = 64;
    private boolean any;
    private long highest;
    private long bits; // bit n: highest - n was seen

    boolean fresh(long index) {
        if (!any || index > highest) return true;
        long delta = highest - index;
        return delta < SIZE && (bits & (1L << delta)) == 0;
    }

    void reset() {
        any = false;
    }

    /** Only after the packet authenticated (RFC 3711 §3.3.2). */
    void seen(long index) {
        if (!any) {
            any = true;
            highest = index;
            bits = 1;
        } else if (index > highest) {
            long shift = index - highest;
            bits = shift >= SIZE ? 1 : (bits << shift) | 1;
            highest = index;
        } else {
            bits |= 1L << (highest - index);
        }
    }
}
