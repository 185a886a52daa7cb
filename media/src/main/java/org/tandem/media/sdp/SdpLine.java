package org.tandem.media.sdp;

import org.tandem.media.InvalidSdpException;

/** One {@code <type>=<value>} line of SDP (RFC 4566 §5). */
public record SdpLine(char type, String value) {

    static SdpLine parse(String line) {
        if (line.length() < 2 || line.charAt(1) != '=')
            throw new InvalidSdpException("not an SDP line: '" + line + "'");
        return new SdpLine(line.charAt(0), line.substring(2));
    }

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
