package org.tandem.media.sdp;

import java.util.List;
import java.util.Locale;

/** A stream's direction attribute (RFC 3264 §5.1, §6.1). */
public enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** The attribute as written: {@code sendrecv}, ... */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction with both ends swapped: what an answerer says to this offer (§6.1: sendonly ↔ recvonly). */
    public Direction mirrored() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The direction of sending {@code send} and receiving {@code receive}. */
    public static Direction of(boolean send, boolean receive) {
        return send && receive ? SENDRECV : send ? SENDONLY : receive ? RECVONLY : INACTIVE;
    }

    static Direction ofAttribute(String name) {
        if (name == null) return null;
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }

    static Direction in(List<SdpLine> lines) {
        for (SdpLine l : lines) {
            Direction d = ofAttribute(l.attributeName());
            if (d != null && l.attributeValue().isEmpty()) return d;
        }
        return null;
    }

    static boolean isDirection(SdpLine l) {
        return ofAttribute(l.attributeName()) != null && l.attributeValue().isEmpty();
    }
}
