package org.tandem.media.internal;

/** The audio codecs this engine encodes and decodes (RFC 3551 static payload types). */
public enum AudioCodec {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    public final int staticPayloadType;
    public final String encodingName;

    AudioCodec(int staticPayloadType, String encodingName) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
    }

    /** 8 kHz, one byte per sample (RFC 3551 §4.5.14). */
    public int clockRate() {
        return 8000;
    }

    public void encode(short[] pcm, int count, byte[] out, int offset) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = this == PCMU ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
        }
    }

    public short[] decode(byte[] payload, int offset, int length) {
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            byte b = payload[offset + i];
            pcm[i] = this == PCMU ? G711.ulawDecode(b) : G711.alawDecode(b);
        }
        return pcm;
    }

    public static AudioCodec byName(String name) {
        for (AudioCodec c : values()) {
            if (c.encodingName.equalsIgnoreCase(name)) return c;
        }
        return null;
    }

    public static AudioCodec byStaticPayloadType(int pt) {
        for (AudioCodec c : values()) {
            if (c.staticPayloadType == pt) return c;
        }
        return null;
    }
}
