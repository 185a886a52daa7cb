package org.tandem.media.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UDP payloads (RTP) of a classic libpcap capture: Ethernet or Linux "cooked" link layer,
 * IPv4. Enough to replay SIPp's and Wireshark's RTP captures into the engine's nodes and sessions.
 */
public final class Pcap {

    /** One captured UDP datagram: capture time in microseconds and its payload. */
    public record Datagram(long micros, int destinationPort, byte[] payload) {}

    /** Where SIPp (Debian package sip-tester) keeps its RTP captures. */
    public static final Path SIPP_CAPTURES = Path.of("/usr/share/sip-tester");

    private Pcap() {}

    public static Path sippCapture(String name) {
        Path p = SIPP_CAPTURES.resolve(name);
        if (!Files.isReadable(p)) {
            throw new IllegalStateException(p + " is missing: install the sip-tester package (scripts/test.sh does)");
        }
        return p;
    }

    public static List<Datagram> udp(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes); // the pcap headers, in the capturing machine's byte order
        ByteBuffer net = ByteBuffer.wrap(bytes); // the packets, in network byte order
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4) b.order(ByteOrder.BIG_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) throw new IOException(file + " is not a classic pcap file");
        int link = b.getInt(20);
        int linkHeader = switch (link) {
            case 1 -> 14; // Ethernet
            case 113 -> 16; // Linux cooked capture
            default -> throw new IOException(file + ": link type " + link + " not supported");
        };
        List<Datagram> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            long micros = (b.getInt(pos) & 0xFFFFFFFFL) * 1_000_000L + (b.getInt(pos + 4) & 0xFFFFFFFFL);
            int length = b.getInt(pos + 8);
            int ip = pos + 16 + linkHeader;
            pos += 16 + length;
            if ((net.get(ip) >> 4) != 4 || net.get(ip + 9) != 17) continue; // IPv4 UDP only
            int udp = ip + (net.get(ip) & 0x0F) * 4;
            int dport = net.getShort(udp + 2) & 0xFFFF;
            int udpLength = net.getShort(udp + 4) & 0xFFFF;
            byte[] payload = new byte[udpLength - 8];
            net.get(udp + 8, payload);
            out.add(new Datagram(micros, dport, payload));
        }
        return out;
    }
}
