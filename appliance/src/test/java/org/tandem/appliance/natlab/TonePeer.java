package org.tandem.appliance.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audio half of a phone in the NAT lab: a program run inside a namespace ({@code ip netns exec}) next to the
 * SIPp that does the phone's signalling. It binds the RTP port the phone's SDP names, sends a G.711 µ-law tone
 * of its own frequency to where it is told (20 ms packets, RFC 3550 header, RFC 3551 PCMU), and measures what
 * arrives: packets, senders, and the amplitude of any frequency asked for (Goertzel), so a test proves
 * <em>audio</em> crossed the NATs and the relay, not packet counts.
 *
 * <p>Only JDK classes, so that {@code java -cp test-classes} runs it. Commands on standard input, one per line,
 * each answered with one line on standard output:
 * <ul>
 *   <li>{@code send HOST PORT} — start (or redirect) the tone; answers {@code ok}.
 *   <li>{@code dtmf DIGITS} — send the digits, one after the other, as RFC 4733 telephone events (payload type
 *       101), the tone paused meanwhile, as a phone does; answers {@code ok}.
 *   <li>{@code tone HZ} — send this frequency from now on (the same stream: SSRC and sequence go on); answers
 *       {@code ok}.
 *   <li>{@code mark} — forget what was received so far; answers {@code ok}.
 *   <li>{@code report HZ...} — {@code packets=N senders=ip:port,... payloadBytes=N,... events=N HZ=amplitude ...}
 *       over the audio since the last mark (at most the last 10 s); {@code events}: RFC 4733 packets (payload type
 *       101) received.
 *   <li>{@code quit}.
 * </ul>
 * Arguments: {@code BIND_IP BIND_PORT TONE_HZ [PAYLOAD_TYPE]}; a multicast BIND_IP makes it a phone listening to a
 * multicast page (the group joined on the loopback interface). Prints {@code ready} once bound. With a payload type
 * (e.g. 96, a video stream's), the tone goes out in packets of that type and only packets of that type are measured:
 * the relay copies datagrams without looking into them, so a tone proves which <em>stream</em> crossed it.
 */
public final class TonePeer {

    static final int RATE = 8000;
    private static final int SAMPLES_PER_PACKET = 160;
    private static final int MAX_SAMPLES = RATE * 10;

    private final DatagramSocket socket;
    private volatile double toneHz;
    private final int ssrc;
    private final int payloadType;
    private final Object lock = new Object();
    private final short[] received = new short[MAX_SAMPLES];
    private int receivedCount;
    private int packets;
    private int events;
    private final Set<String> senders = new TreeSet<>();
    private final Set<Integer> payloadSizes = new TreeSet<>();
    private volatile InetSocketAddress destination;
    private int sequence;
    private long timestamp;
    private long phase;
    private final java.util.concurrent.ConcurrentLinkedQueue<Character> pendingDigits =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Packets of the telephone event being sent: 0 when none (RFC 4733 §2.5). */
    private int eventPacket;

    private int eventCode;
    private long eventTimestamp;

    private TonePeer(DatagramSocket socket, double toneHz, int payloadType) {
        this.socket = socket;
        this.toneHz = toneHz;
        this.ssrc = (int) (toneHz * 1000);
        this.payloadType = payloadType;
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        DatagramSocket socket = bind.getAddress().isMulticastAddress() ? listener(bind) : new DatagramSocket(bind);
        TonePeer peer =
                new TonePeer(socket, Double.parseDouble(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
        Thread receiver = new Thread(peer::receive, "rtp-in");
        receiver.setDaemon(true);
        receiver.start();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtp-out");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(peer::sendPacket, 0, 20, TimeUnit.MILLISECONDS);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "send" -> {
                    peer.destination =
                            new InetSocketAddress(InetAddress.getByName(words[1]), Integer.parseInt(words[2]));
                    System.out.println("ok");
                }
                case "dtmf" -> {
                    for (char digit : words[1].toCharArray()) peer.pendingDigits.add(digit);
                    System.out.println("ok");
                }
                case "tone" -> {
                    peer.toneHz = Double.parseDouble(words[1]);
                    System.out.println("ok");
                }
                case "mark" -> {
                    peer.mark();
                    System.out.println("ok");
                }
                case "report" -> System.out.println(peer.report(words));
                case "quit" -> {
                    socket.close();
                    System.exit(0);
                }
                default -> System.out.println("error unknown command " + words[0]);
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /**
     * A phone listening to a multicast page: bound to the group's address and port, a member of the group on the
     * loopback interface (where the appliance under test sends: its SIP address is 127.0.0.1).
     */
    private static DatagramSocket listener(InetSocketAddress group) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        socket.setReuseAddress(true);
        socket.bind(group);
        socket.joinGroup(group, NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
        return socket;
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            int length = packet.getLength();
            if (length < 12 || (buffer[0] & 0xC0) != 0x80) continue; // not RTP version 2 (RFC 3550 §5.1)
            if ((buffer[1] & 0x7F) == 101) {
                synchronized (lock) {
                    events++; // RFC 4733 telephone-events: counted, no audio
                }
                continue;
            }
            if ((buffer[1] & 0x7F) != payloadType) continue; // RTCP, another stream's: not this tone
            int headerLength = 12 + 4 * (buffer[0] & 0x0F);
            synchronized (lock) {
                packets++;
                senders.add(packet.getAddress().getHostAddress() + ":" + packet.getPort());
                payloadSizes.add(length - headerLength);
                for (int i = headerLength; i < length && receivedCount < MAX_SAMPLES; i++) {
                    received[receivedCount++] = ulawToLinear(buffer[i]);
                }
            }
        }
    }

    private void sendPacket() {
        InetSocketAddress to = destination;
        if (to == null) return;
        if (eventPacket > 0 || !pendingDigits.isEmpty()) {
            sendEvent(to);
            return;
        }
        byte[] packet = new byte[12 + SAMPLES_PER_PACKET];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) payloadType; // PCMU (0), or the stream's type with µ-law samples in it
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        double toneHz = this.toneHz;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
            double sample = 8000 * Math.sin(2 * Math.PI * toneHz * phase++ / RATE);
            packet[12 + i] = linearToUlaw((short) sample);
        }
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += SAMPLES_PER_PACKET;
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // unreachable for now (no route yet, ICMP): the next packet tries again, as a phone does
        }
    }

    /**
     * One RFC 4733 packet of the current digit: 5 packets of a growing duration from one timestamp (marker bit on
     * the first), then the end bit, sent three times (§2.5.1.4); 160 ms in all.
     */
    private void sendEvent(InetSocketAddress to) {
        if (eventPacket == 0) {
            char digit = pendingDigits.poll();
            eventCode = digit == '*' ? 10 : digit == '#' ? 11 : digit - '0';
            eventTimestamp = timestamp;
        }
        eventPacket++;
        boolean end = eventPacket > 5;
        byte[] packet = new byte[16];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((eventPacket == 1 ? 0x80 : 0) | 101);
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (eventTimestamp >> 24);
        packet[5] = (byte) (eventTimestamp >> 16);
        packet[6] = (byte) (eventTimestamp >> 8);
        packet[7] = (byte) eventTimestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        int duration = Math.min(eventPacket, 6) * SAMPLES_PER_PACKET;
        packet[12] = (byte) eventCode;
        packet[13] = (byte) ((end ? 0x80 : 0) | 10); // E bit, volume -10 dBm0
        packet[14] = (byte) (duration >> 8);
        packet[15] = (byte) duration;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += SAMPLES_PER_PACKET;
        if (eventPacket >= 8) eventPacket = 0; // the end packet went three times
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // as for audio
        }
    }

    private void mark() {
        synchronized (lock) {
            receivedCount = 0;
            packets = 0;
            events = 0;
            senders.clear();
            payloadSizes.clear();
        }
    }

    private String report(String[] words) {
        synchronized (lock) {
            StringBuilder out = new StringBuilder("packets=")
                    .append(packets)
                    .append(" senders=")
                    .append(String.join(",", senders))
                    .append(" payloadBytes=")
                    .append(String.join(
                            ",", payloadSizes.stream().map(String::valueOf).toList()))
                    .append(" events=")
                    .append(events);
            for (int i = 1; i < words.length; i++) {
                double hz = Double.parseDouble(words[i]);
                out.append(' ').append(words[i]).append('=').append(Math.round(amplitude(hz)));
            }
            return out.toString();
        }
    }

    /** Goertzel: the amplitude of {@code hz} over everything received since the last mark. */
    private double amplitude(double hz) {
        if (receivedCount == 0) return 0;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < receivedCount; i++) {
            double s0 = received[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / receivedCount;
    }

    /** ITU-T G.711 µ-law decoding. */
    static short ulawToLinear(byte ulaw) {
        int u = ~ulaw & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    /** ITU-T G.711 µ-law encoding. */
    static byte linearToUlaw(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) sample = -sample;
        if (sample > 32635) sample = 32635;
        sample += 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
