package org.tandem.media.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.media.InvalidSdpException;

/**
 * The parts of an SDP offer (RFC 4566) that offer/answer needs: per media section the port, transport,
 * formats, rtpmaps, ptime, direction and connection address (media level overrides session level, §5.7).
 */
public record SessionDescription(List<Media> media) {

    /** One m= section. {@code connection} is null when neither it nor the session has a c= line. */
    public record Media(String type, int port, String proto, List<Integer> formats, Map<Integer, String> rtpmaps,
                        int ptime, String direction, String connection, int rtcpPort, String formatList) {
    }

    public static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isBlank()) throw new InvalidSdpException("empty SDP body");
        String sessionConnection = null;
        String sessionDirection = "sendrecv";
        List<MediaBuilder> sections = new ArrayList<>();
        MediaBuilder current = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.length() < 2 || line.charAt(1) != '=') throw new InvalidSdpException("not an SDP line: '" + line + "'");
            char kind = line.charAt(0);
            String value = line.substring(2);
            if (kind == 'm') {
                current = MediaBuilder.of(value);
                sections.add(current);
            } else if (kind == 'c') {
                String address = connectionAddress(value);
                if (current == null) sessionConnection = address;
                else current.connection = address;
            } else if (kind == 'a') {
                String direction = direction(value);
                if (direction != null) {
                    if (current == null) sessionDirection = direction;
                    else current.direction = direction;
                } else if (current != null) {
                    current.attribute(value);
                }
            }
        }
        List<Media> media = new ArrayList<>();
        for (MediaBuilder m : sections) {
            media.add(new Media(m.type, m.port, m.proto, m.formats, m.rtpmaps, m.ptime,
                    m.direction != null ? m.direction : sessionDirection,
                    m.connection != null ? m.connection : sessionConnection, m.rtcpPort, m.formatList));
        }
        return new SessionDescription(media);
    }

    private static String direction(String attribute) {
        switch (attribute) {
            case "sendrecv": case "sendonly": case "recvonly": case "inactive":
                return attribute;
            default:
                return null;
        }
    }

    // c=IN IP4 192.0.2.1 (RFC 4566 §5.7); a multicast TTL suffix (/127) is dropped
    private static String connectionAddress(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length < 3 || !parts[0].equals("IN")) throw new InvalidSdpException("bad c= line: 'c=" + value + "'");
        int slash = parts[2].indexOf('/');
        return slash < 0 ? parts[2] : parts[2].substring(0, slash);
    }

    private static final class MediaBuilder {
        String type;
        int port;
        String proto;
        String formatList;
        final List<Integer> formats = new ArrayList<>();
        final Map<Integer, String> rtpmaps = new LinkedHashMap<>();
        int ptime;
        int rtcpPort;
        String direction;
        String connection;

        // m=<media> <port>[/<count>] <proto> <fmt> ... (RFC 4566 §5.14)
        static MediaBuilder of(String value) {
            String[] parts = value.trim().split("\\s+");
            if (parts.length < 3) throw new InvalidSdpException("bad m= line: 'm=" + value + "'");
            MediaBuilder m = new MediaBuilder();
            m.type = parts[0];
            m.proto = parts[2];
            try {
                String port = parts[1];
                int slash = port.indexOf('/');
                m.port = Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
            } catch (NumberFormatException e) {
                throw new InvalidSdpException("bad port in m= line: 'm=" + value + "'");
            }
            if (m.port < 0 || m.port > 65535) throw new InvalidSdpException("bad port in m= line: 'm=" + value + "'");
            StringBuilder list = new StringBuilder();
            for (int i = 3; i < parts.length; i++) {
                list.append(i > 3 ? " " : "").append(parts[i]);
                try {
                    m.formats.add(Integer.parseInt(parts[i]));
                } catch (NumberFormatException e) {
                    // non-RTP formats (e.g. m=application ... webrtc-datachannel) are kept only in formatList
                }
            }
            m.formatList = list.toString();
            return m;
        }

        void attribute(String value) {
            try {
                if (value.startsWith("rtpmap:")) { // a=rtpmap:<pt> <name>/<rate>[/<channels>]
                    String[] parts = value.substring(7).trim().split("\\s+", 2);
                    if (parts.length == 2) rtpmaps.put(Integer.parseInt(parts[0]), parts[1].trim());
                } else if (value.startsWith("ptime:")) {
                    ptime = (int) Math.round(Double.parseDouble(value.substring(6).trim()));
                } else if (value.startsWith("rtcp:")) { // RFC 3605
                    rtcpPort = Integer.parseInt(value.substring(5).trim().split("\\s+")[0]);
                }
            } catch (NumberFormatException e) {
                throw new InvalidSdpException("bad attribute: 'a=" + value + "'");
            }
        }
    }
}
