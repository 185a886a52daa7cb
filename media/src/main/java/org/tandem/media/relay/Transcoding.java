package org.tandem.media.relay;

/**
 * Opus ↔ G.711 on one relayed stream (issue 16): the party on {@code opusSide} (a browser) sends and takes Opus
 * (RFC 7587, 48 kHz RTP clock), the other party G.711 (RFC 3551 §4.5.14, 8 kHz), and the relay decodes and encodes
 * between them. RFC 4733 telephone-events are carried across with their payload type, timestamp and duration moved to
 * the other clock. The relay acts as an RTP translator that changes the encoding (RFC 3550 §7.2): packets get fresh
 * headers (same SSRC, own sequence numbers that keep the gaps of lost packets), and RTCP is not passed between the two
 * sides since its counts and timestamps would describe the other encoding; each side's RTCP is still read for the
 * call's figures.
 *
 * @param opusSide             the party that speaks Opus
 * @param opusPayloadType      Opus's dynamic payload type in that party's SDP
 * @param opusEventPayloadType its telephone-event/48000 payload type, or -1
 * @param g711PayloadType      0 (PCMU) or 8 (PCMA): what the other party speaks
 * @param g711EventPayloadType the other party's telephone-event/8000 payload type, or -1
 */
public record Transcoding(
        Side opusSide, int opusPayloadType, int opusEventPayloadType, int g711PayloadType, int g711EventPayloadType) {

    public Transcoding {
        if (opusSide == null) throw new IllegalArgumentException("no Opus side");
        if (g711PayloadType != 0 && g711PayloadType != 8) {
            throw new IllegalArgumentException("G.711 is payload type 0 or 8, not " + g711PayloadType);
        }
        check(opusPayloadType, false);
        check(opusEventPayloadType, true);
        check(g711EventPayloadType, true);
    }

    private static void check(int pt, boolean optional) {
        if (optional && pt == -1) return;
        if (pt < 0 || pt > 127) throw new IllegalArgumentException("not an RTP payload type: " + pt);
    }
}
