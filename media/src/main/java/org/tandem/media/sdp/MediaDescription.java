package org.tandem.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.media.InvalidSdpException;

/**
 * One m= section (RFC 4566 §5.14) and the lines under it, in order. Accessors read the attributes they name; setters
 * replace just the line concerned and leave the others as they were.
 */
public final class MediaDescription implements MediaLine {

    /** Runs of blanks between fields, compiled once (String.split with this regex compiled it per call). */
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final String type;
    private int port;
    private String portCount; // "/2" of m=audio 49170/2 ..., or ""
    private String proto;
    private final List<String> formats;
    private final List<SdpLine> lines;

    private MediaDescription(
            String type, int port, String portCount, String proto, List<String> formats, List<SdpLine> lines) {
        this.type = type;
        this.port = port;
        this.portCount = portCount;
        this.proto = proto;
        this.formats = formats;
        this.lines = lines;
    }

    /** A new section without attributes. */
    public static MediaDescription create(String type, int port, String proto, List<String> formats) {
        return new MediaDescription(
                type, checkPort(port, type), "", proto, new ArrayList<>(formats), new ArrayList<>());
    }

    // m=<media> <port>[/<count>] <proto> <fmt> ... (RFC 4566 §5.14)
    static MediaDescription parseMediaLine(String value) {
        String[] parts = mediaFields(value, 0, value.length(), Integer.MAX_VALUE);
        String portField = parts[1];
        int slash = portField.indexOf('/');
        List<String> formats = new ArrayList<>(List.of(parts).subList(3, parts.length));
        return new MediaDescription(
                parts[0],
                port(portField),
                slash < 0 ? "" : portField.substring(slash),
                parts[2],
                formats,
                new ArrayList<>());
    }

    /**
     * The first {@code max} fields of the m= value {@code text[from, to)} (the model's and the scan's reading: {@link
     * SdpReader}), media, port and proto at least.
     *
     * @throws InvalidSdpException fewer than three fields, or a port that is not 0-65535
     */
    static String[] mediaFields(String text, int from, int to, int max) {
        String[] parts = SdpReader.fields(text, from, to, max);
        if (parts.length < 3) throw new InvalidSdpException("bad m= line: 'm=" + text.substring(from, to) + "'");
        if (port(parts[1]) < 0) {
            throw new InvalidSdpException("bad port in m= line: 'm=" + text.substring(from, to) + "'");
        }
        return parts;
    }

    /** The port of an m= port field ({@code 49170} or {@code 49170/2}); -1 when it is no number in 0-65535. */
    static int port(String field) {
        int slash = field.indexOf('/');
        int port;
        try {
            port = Integer.parseInt(slash < 0 ? field : field.substring(0, slash));
        } catch (NumberFormatException e) {
            return -1;
        }
        return port < 0 || port > 65535 ? -1 : port;
    }

    private static int checkPort(int port, String type) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port " + port + " for m=" + type);
        return port;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public int port() {
        return port;
    }

    public MediaDescription setPort(int port) {
        this.port = checkPort(port, type);
        if (port == 0) portCount = "";
        return this;
    }

    @Override
    public String proto() {
        return proto;
    }

    /** Replaces the transport protocol (RTP/AVP for plain RTP, RTP/SAVP with SDES keys, RFC 4568 §7.1). */
    public MediaDescription setProto(String proto) {
        if (proto == null || proto.isBlank()) throw new IllegalArgumentException("empty m= protocol");
        this.proto = proto;
        return this;
    }

    /** The formats as written (payload types for RTP, e.g. "0", "101"; other tokens for other protocols). */
    public List<String> formats() {
        return formats;
    }

    /**
     * Keeps only the formats {@code keep}, in that order (RFC 3264 §5.1: the offer lists formats by preference). The
     * rtpmap, fmtp and rtcp-fb lines of the formats dropped go; every other line stays as it was.
     *
     * @throws IllegalArgumentException {@code keep} is empty or names a format this section does not have
     */
    public MediaDescription keepFormats(List<String> keep) {
        if (keep.isEmpty()) throw new IllegalArgumentException("an m= line needs at least one format");
        if (!formats.containsAll(keep)) throw new IllegalArgumentException("not all of " + keep + " are in " + formats);
        List<String> dropped = new ArrayList<>(formats);
        dropped.removeAll(keep);
        lines.removeIf(l -> {
            String name = l.attributeName();
            if (!"rtpmap".equals(name) && !"fmtp".equals(name) && !"rtcp-fb".equals(name)) return false;
            String format = BLANKS.split(l.attributeValue(), 2)[0];
            return dropped.contains(format);
        });
        formats.clear();
        formats.addAll(keep);
        return this;
    }

    /** The formats that are numbers (RTP payload types), in order. */
    public List<Integer> payloadTypes() {
        List<Integer> pts = new ArrayList<>();
        for (String f : formats) {
            try {
                pts.add(Integer.parseInt(f));
            } catch (NumberFormatException e) {
                // a non-RTP format (m=application ... webrtc-datachannel) has no payload type
            }
        }
        return pts;
    }

    /** a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;rate&gt;[/&lt;channels&gt;] by payload type, in order. */
    public Map<Integer, String> rtpmaps() {
        Map<Integer, String> maps = new LinkedHashMap<>();
        for (String v : attributes("rtpmap")) {
            String[] parts = BLANKS.split(v, 2);
            if (parts.length < 2) continue;
            try {
                maps.put(Integer.parseInt(parts[0]), parts[1].trim());
            } catch (NumberFormatException e) {
                throw new InvalidSdpException("bad attribute: 'a=rtpmap:" + v + "'");
            }
        }
        return maps;
    }

    /** a=fmtp value for {@code payloadType} (without the type), or null. */
    public String fmtp(int payloadType) {
        String prefix = payloadType + " ";
        for (String v : attributes("fmtp")) {
            if (v.startsWith(prefix)) return v.substring(prefix.length()).trim();
        }
        return null;
    }

    /** a=ptime in milliseconds, rounded, or 0. */
    public int ptime() {
        List<String> values = attributes("ptime");
        if (values.isEmpty()) return 0;
        try {
            return (int) Math.round(Double.parseDouble(values.get(0)));
        } catch (NumberFormatException e) {
            throw new InvalidSdpException("bad attribute: 'a=ptime:" + values.get(0) + "'");
        }
    }

    /** This section's own c= address, or null (the session's applies then). */
    public String connection() {
        SdpLine c = SdpLines.first(lines, 'c');
        return c == null ? null : Connection.parse(c.value()).address();
    }

    /** Sets this section's own c= (RFC 4566 §5: c= comes after i= and before b=, k=, a=). */
    public MediaDescription setConnection(String address) {
        SdpLines.put(lines, new SdpLine('c', "IN " + Connection.family(address) + " " + address), "i");
        return this;
    }

    /** This section's own direction attribute, or null (the session's applies then). */
    public Direction direction() {
        return Direction.in(lines);
    }

    /** Replaces this section's direction attribute (or adds one). */
    public MediaDescription setDirection(Direction direction) {
        int at = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (Direction.isDirection(lines.get(i))) {
                lines.remove(i);
                at = i;
            }
        }
        SdpLine line = new SdpLine('a', direction.attribute());
        if (at >= 0) lines.add(at, line);
        else lines.add(line);
        return this;
    }

    /** RFC 3605 a=rtcp port, or 0 when absent (RTCP is then on port + 1, RFC 3550 §11). */
    public int rtcpPort() {
        List<String> values = attributes("rtcp");
        if (values.isEmpty()) return 0;
        try {
            return Integer.parseInt(BLANKS.split(values.get(0))[0]);
        } catch (NumberFormatException e) {
            throw new InvalidSdpException("bad attribute: 'a=rtcp:" + values.get(0) + "'");
        }
    }

    /** RFC 3605 a=rtcp address when it names one ({@code a=rtcp:53021 IN IP4 126.16.64.4}), or null. */
    public String rtcpAddress() {
        List<String> values = attributes("rtcp");
        if (values.isEmpty()) return null;
        String[] f = BLANKS.split(values.get(0));
        return f.length >= 4 ? f[3] : null;
    }

    /** Sets RFC 3605 a=rtcp to {@code port} (and {@code address} when not null). */
    public MediaDescription setRtcp(int port, String address) {
        String value =
                address == null ? Integer.toString(port) : port + " IN " + Connection.family(address) + " " + address;
        SdpLines.putAttribute(lines, "rtcp", value);
        return this;
    }

    /** RFC 5761 a=rtcp-mux: RTP and RTCP share the RTP port. */
    public boolean isRtcpMux() {
        return !attributes("rtcp-mux").isEmpty();
    }

    /** True when the section carries ICE (RFC 8839: a=ice-ufrag or a=candidate). */
    public boolean hasIce() {
        return !attributes("ice-ufrag").isEmpty() || !attributes("candidate").isEmpty();
    }

    /** Values of this section's attributes named {@code name} (a=name:value; "" for a=name). */
    public List<String> attributes(String name) {
        return SdpLines.attributes(lines, name);
    }

    public MediaDescription addAttribute(String name, String value) {
        lines.add(new SdpLine('a', value == null || value.isEmpty() ? name : name + ":" + value));
        return this;
    }

    public MediaDescription removeAttributes(String name) {
        SdpLines.removeAttributes(lines, name);
        return this;
    }

    /** The lines under the m= line, in order; changes to them change this section. */
    public List<SdpLine> lines() {
        return lines;
    }

    /** RFC 3264 §6: the answer's line for a stream it rejects: port 0, the formats kept, no attributes. */
    public MediaDescription rejected() {
        return new MediaDescription(type, 0, "", proto, new ArrayList<>(formats), new ArrayList<>());
    }

    /** The m= line's value ({@code audio 49170 RTP/AVP 0 8}). */
    public String mediaLine() {
        StringBuilder s = new StringBuilder(type)
                .append(' ')
                .append(port)
                .append(portCount)
                .append(' ')
                .append(proto);
        for (String f : formats) s.append(' ').append(f);
        return s.toString();
    }

    void appendTo(StringBuilder s) {
        s.append("m=").append(mediaLine()).append("\r\n");
        for (SdpLine l : lines) s.append(l).append("\r\n");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        appendTo(s);
        return s.toString();
    }
}
