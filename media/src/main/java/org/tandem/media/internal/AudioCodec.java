package org.tandem.media.internal;

/** The audio codecs this engine answers with, in its order of preference. */
public enum AudioCodec {
    PCMU(0, "PCMU", 8000, "PCMU/8000"),
    PCMA(8, "PCMA", 8000, "PCMA/8000"),
    /** RFC 7587: dynamic payload type, 48 kHz RTP clock, always written as two channels in SDP. */
    OPUS(-1, "opus", 48000, "opus/48000/2");

    public final int staticPayloadType;
    public final String encodingName;
    public final int rtpClockRate;
    public final String rtpmap;

    AudioCodec(int staticPayloadType, String encodingName, int rtpClockRate, String rtpmap) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
        this.rtpClockRate = rtpClockRate;
        this.rtpmap = rtpmap;
    }

    /** A coder for one session (Opus: its own native state; close it with the session). */
    public FrameCodec newFrameCodec() {
        if (this == OPUS) return new OpusCodec();
        return new FrameCodec() {
            @Override
            public int encode(short[] pcm, int n, byte[] out) {
                AudioCodec.this.encode(pcm, n, out, 0);
                return n;
            }

            @Override
            public short[] decode(byte[] buffer, int offset, int length) {
                return AudioCodec.this.decode(buffer, offset, length);
            }

            @Override
            public void close() {}
        };
    }

    /** RTP timestamp units for {@code samples} samples at the engine's 8 kHz. */
    public int timestampStep(int samples) {
        return samples * (rtpClockRate / 8000);
    }

    /** G.711 only (RFC 3551 §4.5.14): one byte per sample. */
    public void encode(short[] pcm, int count, byte[] out, int offset) {
        if (this == OPUS) throw new UnsupportedOperationException("Opus needs a FrameCodec (newFrameCodec)");
        for (int i = 0; i < count; i++) {
            out[offset + i] = this == PCMU ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
        }
    }

    /** G.711 only. */
    public short[] decode(byte[] payload, int offset, int length) {
        if (this == OPUS) throw new UnsupportedOperationException("Opus needs a FrameCodec (newFrameCodec)");
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            byte b = payload[offset + i];
            pcm[i] = this == PCMU ? G711.ulawDecode(b) : G711.alawDecode(b);
        }
        return pcm;
    }

    /** The codec an {@code a=rtpmap} value names, e.g. "PCMA/8000" or "opus/48000/2"; null if none. */
    public static AudioCodec byRtpmap(String rtpmap) {
        String[] parts = rtpmap.trim().split("/");
        if (parts.length < 2) return null;
        for (AudioCodec c : values()) {
            if (c.encodingName.equalsIgnoreCase(parts[0].trim())
                    && String.valueOf(c.rtpClockRate).equals(parts[1].trim())) {
                if (c == OPUS && !OpusCodec.available()) return null;
                return c;
            }
        }
        return null;
    }

    /** True when Opus's native library loads on this machine (checked once): else only G.711 is offered. */
    public static boolean opusAvailable() {
        return OpusCodec.available();
    }

    public static AudioCodec byStaticPayloadType(int pt) {
        for (AudioCodec c : values()) {
            if (c.staticPayloadType == pt) return c;
        }
        return null;
    }
}
