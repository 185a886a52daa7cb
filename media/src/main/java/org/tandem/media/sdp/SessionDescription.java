package org.tandem.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    /** Line ends (CRLF or LF) and runs of blanks, compiled once: String.split compiles such a regex on every call. */
    static final Pattern LINE_END = Pattern.compile("\r?\n");

    static final Pattern BLANKS = Pattern.compile("\\s+");

    private final List<SdpLine> session;
    private final List<MediaDescription> media;

    private SessionDescription(List<SdpLine> session, List<MediaDescription> media) {
        this.session = session;
        this.media = media;
    }

    /**
     * Parses {@code sdp}. Lines are {@code <type>=<value>} (RFC 4566 §5), CRLF or LF.
     *
     * @throws InvalidSdpException empty, a line that is not {@code x=...}, a c= that is not {@code IN}, an m= without
     *                             port and proto or with a bad port
     */
    public static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isBlank()) throw new InvalidSdpException("empty SDP body");
        List<SdpLine> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaDescription current = null;
        for (String raw : LINE_END.split(sdp)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            SdpLine parsed = SdpLine.parse(line);
            if (parsed.type() == 'm') {
                current = MediaDescription.parseMediaLine(parsed.value());
                media.add(current);
            } else {
                if (parsed.type() == 'c') Connection.parse(parsed.value()); // validates
                if (current == null) session.add(parsed);
                else current.lines().add(parsed);
            }
        }
        return new SessionDescription(session, media);
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
        for (MediaDescription m : media) {
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
        String[] f = BLANKS.split(o.value().trim());
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
