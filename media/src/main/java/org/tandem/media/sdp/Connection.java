package org.tandem.media.sdp;

import org.tandem.media.InvalidSdpException;

/** A c= line's address (RFC 4566 §5.7): {@code IN IP4 192.0.2.1}; a multicast TTL suffix (/127) is dropped. */
record Connection(String family, String address) {

    static Connection parse(String value) {
        return parse(value, 0, value.length());
    }

    /** The c= value {@code text[from, to)} (the model's and the scan's reading: {@link SdpReader}). */
    static Connection parse(String text, int from, int to) {
        String[] parts = SdpReader.fields(text, from, to, 3);
        if (parts.length < 3 || !parts[0].equals("IN")) {
            throw new InvalidSdpException("bad c= line: 'c=" + text.substring(from, to) + "'");
        }
        int slash = parts[2].indexOf('/');
        return new Connection(parts[1], slash < 0 ? parts[2] : parts[2].substring(0, slash));
    }

    static String family(String address) {
        return address.contains(":") ? "IP6" : "IP4";
    }
}
