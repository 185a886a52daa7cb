import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.MediaProperties;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayConfiguration;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * A relay process for the benchmark: a {@link MediaRelay} driven over rtpengine's ng protocol, so that the load tool
 * sets up calls on it exactly as on rtpengine. Only what a plain call needs: {@code ping}, {@code offer} (opens the
 * call, the caller's leg expects the offer's address, the SDP handed on to the callee names the callee's leg),
 * {@code answer} (the other way round) and {@code delete}. This is the relay contract as pbx-core's proxy will use
 * it, SDP rewritten with media's own SDP model.
 *
 * <pre>java RelayNgServer tandem|plain NG_PORT RTP_PORT_MIN RTP_PORT_MAX MAX_SECONDS</pre>
 * Runs until killed or for MAX_SECONDS at most.
 */
public class RelayNgServer {

    private final MediaRelay relay;
    private final Map<String, RelayCall> calls = new HashMap<>();

    RelayNgServer(MediaRelay relay) {
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        int ngPort = Integer.parseInt(args[1]);
        long until = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        MediaRelay relay = args[0].equals("plain") ? new PlainRelay()
                : tandemRelay(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.getInteger("tandem.media.relay-threads")); // unset: the record's default
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", ngPort))) {
            socket.setSoTimeout(1000);
            System.out.println("ready " + args[0] + " pid=" + ProcessHandle.current().pid());
            System.out.flush();
            new RelayNgServer(relay).serve(socket, until);
        } finally {
            relay.close();
        }
    }

    /**
     * Tandem's relay as the appliance gets it: the relay bean over MediaConfiguration's port allocator, on loopback,
     * with the given port range ({@code relayThreads} null: {@code tandem.media.relay-threads}' default).
     */
    static MediaRelay tandemRelay(int portMin, int portMax, Integer relayThreads) {
        MediaProperties media = MediaProperties.loopback(portMin, portMax, Duration.ofSeconds(60));
        RelayProperties relay = new RelayProperties(RelayMode.ALWAYS, null, Duration.ofSeconds(60), null, relayThreads);
        return new RelayConfiguration().mediaRelay(relay, PortAllocator.of(media));
    }

    void serve(DatagramSocket socket, long until) throws IOException {
        byte[] in = new byte[65536];
        while (System.nanoTime() < until) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            int space = 0;
            while (space < p.getLength() && in[space] != ' ') space++;
            String cookie = new String(in, 0, space, StandardCharsets.US_ASCII);
            Map<String, Object> reply;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> cmd = (Map<String, Object>) Bencode.decode(in, space + 1, p.getLength() - space - 1);
                reply = handle(cmd);
            } catch (RuntimeException e) {
                reply = Map.of("result", "error", "error-reason", String.valueOf(e.getMessage()));
            }
            byte[] body = Bencode.encode(reply);
            byte[] out = new byte[space + 1 + body.length];
            System.arraycopy(in, 0, out, 0, space + 1);
            System.arraycopy(body, 0, out, space + 1, body.length);
            socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        }
    }

    Map<String, Object> handle(Map<String, Object> cmd) {
        String callId = (String) cmd.get("call-id");
        switch ((String) cmd.get("command")) {
            case "ping":
                return Map.of("result", "pong");
            case "offer": {
                RelayCall call = calls.computeIfAbsent(callId, id -> relay.open(id, new RelayEvents() { }, Runnable::run));
                return Map.of("result", "ok", "sdp", anchor((String) cmd.get("sdp"), call.leg(Side.CALLER), call.leg(Side.CALLEE)));
            }
            case "answer": {
                RelayCall call = calls.get(callId);
                if (call == null) throw new IllegalArgumentException("Unknown call-id " + callId);
                return Map.of("result", "ok", "sdp", anchor((String) cmd.get("sdp"), call.leg(Side.CALLEE), call.leg(Side.CALLER)));
            }
            case "delete": {
                RelayCall call = calls.remove(callId);
                if (call != null) call.close();
                return Map.of("result", "ok");
            }
            default:
                throw new IllegalArgumentException("Unsupported command " + cmd.get("command"));
        }
    }

    /** The sender's leg expects media from where its SDP says; the SDP handed on names the receiver's leg instead. */
    private static String anchor(String sdp, RelayLeg from, RelayLeg to) {
        SessionDescription s = SessionDescription.parse(sdp);
        MediaDescription audio = s.firstAudio();
        InetAddress ip = new InetSocketAddress(s.connectionOf(audio), 0).getAddress();
        InetSocketAddress rtp = new InetSocketAddress(ip, audio.port());
        InetSocketAddress rtcp = new InetSocketAddress(ip, audio.rtcpPort() == 0 ? audio.port() + 1 : audio.rtcpPort());
        from.expect(rtp, rtcp, audio.isRtcpMux(), ip, 8000);
        audio.setPort(to.localRtpPort());
        return s.setAllConnections("127.0.0.1").toString();
    }
}
