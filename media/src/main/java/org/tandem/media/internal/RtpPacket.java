package org.tandem.media.internal;

/**
 * A parsed RTP packet (RFC 3550 §5.1): the header fields this engine uses and where the payload is.
 * Parsing never throws: {@link #parse} returns null for anything that is not RTP version 2.
 */
public record RtpPacket(
        int payloadType,
        boolean marker,
        int sequenceNumber,
        long timestamp,
        long ssrc,
        byte[] buffer,
        int payloadOffset,
        int payloadLength) {

    public static final int HEADER_LENGTH = 12;

    public static RtpPacket parse(byte[] buf, int offset, int length) {
        if (length < HEADER_LENGTH || (buf[offset] & 0xC0) != 0x80) return null;
        int csrcCount = buf[offset] & 0x0F;
        int headerLength = HEADER_LENGTH + 4 * csrcCount;
        if ((buf[offset] & 0x10) != 0) { // header extension (§5.3.1)
            if (length < headerLength + 4) return null;
            int words = ((buf[offset + headerLength + 2] & 0xFF) << 8) | (buf[offset + headerLength + 3] & 0xFF);
            headerLength += 4 + 4 * words;
        }
        int payloadLength = length - headerLength;
        if ((buf[offset] & 0x20) != 0 && payloadLength > 0) { // padding (§5.1)
            payloadLength -= buf[offset + length - 1] & 0xFF;
        }
        if (payloadLength < 0) return null;
        return new RtpPacket(
                buf[offset + 1] & 0x7F,
                (buf[offset + 1] & 0x80) != 0,
                ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF),
                readUint32(buf, offset + 4),
                readUint32(buf, offset + 8),
                buf,
                offset + headerLength,
                payloadLength);
    }

    /** Builds a packet with a 12-byte header followed by {@code payloadLength} payload bytes. */
    public static byte[] build(
            int payloadType, boolean marker, int seq, long timestamp, long ssrc, byte[] payload, int payloadLength) {
        byte[] p = new byte[HEADER_LENGTH + payloadLength];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        writeUint32(p, 4, timestamp);
        writeUint32(p, 8, ssrc);
        System.arraycopy(payload, 0, p, HEADER_LENGTH, payloadLength);
        return p;
    }

    private static long readUint32(byte[] b, int o) {
        return ((long) (b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    private static void writeUint32(byte[] b, int o, long v) {
        b[o] = (byte) (v >> 24);
        b[o + 1] = (byte) (v >> 16);
        b[o + 2] = (byte) (v >> 8);
        b[o + 3] = (byte) v;
    }
}
