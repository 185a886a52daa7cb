package org.tandem.media.sdp;

/** One {@code <type>=<value>} line of SDP (RFC 4566 §5). */
public record SdpLine(char type, String value) {

    /** For a=name or a=name:value: name; else null. */
    public String attributeName() {
        if (type != 'a') return null;
        int colon = value.indexOf(':');
        return colon < 0 ? value.strip() : value.substring(0, colon).strip();
    }

    /** For a=name:value: value; a=name: ""; else null. */
    public String attributeValue() {
        if (type != 'a') return null;
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1).strip();
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
