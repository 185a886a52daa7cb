package org.tandem.media.sdp;

import java.util.ArrayList;
import java.util.List;
import org.tandem.media.InvalidSdpException;

/**
 * The one SDP model of Tandem (RFC 4566): a session description as its lines, session level first, then one
 * {@link MediaDescription} per m= section. Everything that reads SDP (offer/answer, music on hold, the media relay)
 * reads it here; everything that rewrites SDP rewrites it here and keeps every line it does not touch, in order, so
 * attributes we do not understand (fmtp, ssrc, crypto, ice, ...) reach the far end unchanged.
 *
 * <p>Not thread-safe: parse, change and {@link #toString() serialise} on one thread (a Call-ID stripe).
 */
public final class SessionDescription {

    private final List<SdpLine> session;
    private final List<MediaDescription> media;

    private SessionDescription(List<SdpLine> session, List<MediaDescription> media) {
        this.session = session;
        this.media = media;
    }

    /**
     * Parses {@code sdp}. Lines are {@code <type>=<value>} (RFC 4566 §5), CRLF or LF, read by {@link SdpReader}.
     *
     * @throws InvalidSdpException empty, a line that is not {@code x=...}, a c= that is not {@code IN}, an m= without
     *                             port and proto or with a bad port
     */
    public static SessionDescription parse(String sdp) {
        SdpReader lines = new SdpReader(sdp);
        List<SdpLine> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaDescription current = null;
        while (lines.next()) {
            char type = lines.type();
            String value = lines.value();
            if (type == 'm') {
                current = MediaDescription.parseMediaLine(value);
                media.add(current);
            } else {
                if (type == 'c') Connection.parse(value); // validates
                SdpLine line = new SdpLine(type, value);
                if (current == null) session.add(line);
                else current.lines().add(line);
            }
        }
        return new SessionDescription(session, media);
    }

    /**
     * The m= lines of {@code sdp}, each with the connection address in force for it: what {@code parse(sdp).media()}
     * and {@link #connectionOf} give, read without building the model (issue 23: deciding that a new call's media go
     * direct cost less than parsing its offer). Every line is read as {@link #parse} reads it, by the same {@link
     * SdpReader}, and checked as it checks it.
     *
     * @throws InvalidSdpException where {@link #parse} throws, with the same message
     */
    public static List<ScannedMedia> scanMedia(String sdp) {
        SdpReader lines = new SdpReader(sdp);
        List<ScannedMedia> media = new ArrayList<>(2);
        String session = null; // the session's c= address: its first c= before any m=
        String[] m = null; // the current m= line's media, port and proto
        String own = null; // the current m= section's first c= address
        while (lines.next()) {
            char type = lines.type();
            if (type == 'm') {
                if (m != null) media.add(scanned(m, own, session));
                m = MediaDescription.mediaFields(lines.text(), lines.valueStart(), lines.valueEnd(), 3);
                own = null;
            } else if (type == 'c') {
                String address = Connection.parse(lines.text(), lines.valueStart(), lines.valueEnd())
                        .address();
                if (m == null) {
                    if (session == null) session = address;
                } else if (own == null) {
                    own = address;
                }
            }
        }
        if (m != null) media.add(scanned(m, own, session));
        return media;
    }

    private static ScannedMedia scanned(String[] m, String own, String session) {
        return new ScannedMedia(m[0], MediaDescription.port(m[1]), m[2], own != null ? own : session);
    }

    /** A new description with v=, o=, s=, c= and t= for {@code address}, and no media yet (RFC 4566 §5). */
    public static SessionDescription create(
            String originUser, long sessionId, long version, String sessionName, String address) {
        List<SdpLine> lines = new ArrayList<>();
        String family = Connection.family(address);
        lines.add(new SdpLine('v', "0"));
        lines.add(new SdpLine('o', originUser + " " + sessionId + " " + version + " IN " + family + " " + address));
        lines.add(new SdpLine('s', sessionName));
        lines.add(new SdpLine('c', "IN " + family + " " + address));
        lines.add(new SdpLine('t', "0 0"));
        return new SessionDescription(lines, new ArrayList<>());
    }

    /** The m= sections, in order; changes to them change this description. */
    public List<MediaDescription> media() {
        return media;
    }

    public SessionDescription add(MediaDescription m) {
        media.add(m);
        return this;
    }

    /** The session-level c= address, or null. */
    public String connection() {
        SdpLine c = SdpLines.first(session, 'c');
        return c == null ? null : Connection.parse(c.value()).address();
    }

    /** The connection address in force for {@code m}: its own c=, else the session's (RFC 4566 §5.7). */
    public String connectionOf(MediaDescription m) {
        String own = m.connection();
        return own != null ? own : connection();
    }

    /** The direction in force for {@code m}: its own attribute, else the session's, else sendrecv (RFC 3264 §5.1). */
    public Direction directionOf(MediaDescription m) {
        Direction own = m.direction();
        if (own != null) return own;
        Direction sessionWide = Direction.in(session);
        return sessionWide != null ? sessionWide : Direction.SENDRECV;
    }

    /** The session-level direction attribute, or null when only streams (or nobody) say one. */
    public Direction direction() {
        return Direction.in(session);
    }

    /** Removes the session-level direction attribute (streams then say their own, or sendrecv). */
    public SessionDescription removeDirection() {
        session.removeIf(Direction::isDirection);
        return this;
    }

    /** The session-level attribute values named {@code name} (a=name:value, or "" for a=name). */
    public List<String> attributes(String name) {
        return SdpLines.attributes(session, name);
    }

    /**
     * True when this offer puts a call on hold (RFC 3264 §8.4): an audio stream sendonly or inactive, or RFC 2543's
     * {@code c=0.0.0.0}.
     */
    public boolean isHold() {
        for (MediaDescription m : media) {
            if (!m.type().equals("audio") || m.port() == 0) continue;
            Direction d = directionOf(m);
            if (d == Direction.SENDONLY || d == Direction.INACTIVE) return true;
            if ("0.0.0.0".equals(connectionOf(m))) return true;
        }
        return false;
    }

    /** The first audio section with a port other than 0, or null. */
    public MediaDescription firstAudio() {
        return firstAudio(media);
    }

    /** The first audio stream of {@code media} with a port other than 0, or null (parsed or {@link #scanMedia scanned}). */
    public static <M extends MediaLine> M firstAudio(List<M> media) {
        for (M m : media) {
            if (m.type().equals("audio") && m.port() != 0) return m;
        }
        return null;
    }

    /** Sets the session-level c= (added after s= when absent). */
    public SessionDescription setConnection(String address) {
        SdpLines.put(session, new SdpLine('c', "IN " + Connection.family(address) + " " + address), "vosiuep");
        return this;
    }

    /**
     * Moves every stream's connection to {@code address}: the session c=, each media-level c= that is there (a stream
     * whose own c= is missing follows the session's), and the o= line's address (RFC 4566 §5.2).
     */
    public SessionDescription setAllConnections(String address) {
        setConnection(address);
        for (MediaDescription m : media) {
            if (m.connection() != null) m.setConnection(address);
        }
        setOriginAddress(address);
        return this;
    }

    /** The o= line's value as written, or null when there is none. */
    public String origin() {
        SdpLine o = SdpLines.first(session, 'o');
        return o == null ? null : o.value();
    }

    /** The o= line's unicast address changed to {@code address} (the other fields kept). */
    public SessionDescription setOriginAddress(String address) {
        String[] o = originFields();
        if (o == null) return this;
        o[4] = Connection.family(address);
        o[5] = address;
        SdpLines.put(session, new SdpLine('o', String.join(" ", o)), "v");
        return this;
    }

    /** RFC 3264 §8: a changed offer or answer increments the o= version. No o= line: nothing happens. */
    public SessionDescription incrementVersion() {
        String[] o = originFields();
        if (o == null) return this;
        try {
            o[2] = Long.toString(Long.parseLong(o[2]) + 1);
        } catch (NumberFormatException e) {
            throw new InvalidSdpException("bad o= version: 'o=" + String.join(" ", o) + "'");
        }
        SdpLines.put(session, new SdpLine('o', String.join(" ", o)), "v");
        return this;
    }

    /** Removes session-level attributes named {@code name} (a direction that only a stream should carry, ICE options). */
    public SessionDescription removeAttributes(String name) {
        SdpLines.removeAttributes(session, name);
        return this;
    }

    /** The lines before the first m=, in order; changes to them change this description. */
    public List<SdpLine> sessionLines() {
        return session;
    }

    private String[] originFields() {
        SdpLine o = SdpLines.first(session, 'o');
        if (o == null) return null;
        String[] f = SdpReader.fields(o.value());
        if (f.length != 6) throw new InvalidSdpException("bad o= line: 'o=" + o.value() + "'");
        return f;
    }

    /** The description as sent: CRLF after every line (RFC 4566 §5). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (SdpLine l : session) s.append(l).append("\r\n");
        for (MediaDescription m : media) m.appendTo(s);
        return s.toString();
    }
}
