import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The controlling side of rtpengine's ng protocol, as Kamailio's rtpengine module speaks it: one UDP datagram per
 * command, {@code <cookie> <bencoded dictionary>}, answered by a datagram starting with the same cookie. A lost
 * datagram is retried with the same cookie (rtpengine answers a repeated cookie from its cache, so an offer is not
 * done twice).
 */
final class NgClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    /** rtpengine answers a cookie it has seen from its cache: unique for the whole process, not per client. */
    private static final java.util.concurrent.atomic.AtomicLong COOKIES = new java.util.concurrent.atomic.AtomicLong();

    NgClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(1000);
    }

    /** Sends one command and returns the reply dictionary; throws when the relay answers an error or not at all. */
    @SuppressWarnings("unchecked")
    Map<String, Object> command(String name, Map<String, Object> args) throws IOException {
        Map<String, Object> msg = new LinkedHashMap<>(args);
        msg.put("command", name);
        String cookie = ProcessHandle.current().pid() + "_" + COOKIES.incrementAndGet();
        byte[] body = Bencode.encode(msg);
        byte[] out = Arrays.copyOf((cookie + " ").getBytes(StandardCharsets.US_ASCII), cookie.length() + 1 + body.length);
        System.arraycopy(body, 0, out, cookie.length() + 1, body.length);
        byte[] in = new byte[65536];
        for (int attempt = 0; attempt < 3; attempt++) {
            socket.send(new DatagramPacket(out, out.length, server));
            DatagramPacket reply = new DatagramPacket(in, in.length);
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String head = new String(in, 0, Math.min(reply.getLength(), cookie.length() + 1), StandardCharsets.US_ASCII);
                if (!head.equals(cookie + " ")) continue; // a late answer to an earlier attempt
                int start = cookie.length() + 1;
                Map<String, Object> r = (Map<String, Object>) Bencode.decode(in, start, reply.getLength() - start);
                if (!"ok".equals(r.get("result")) && !"pong".equals(r.get("result"))) {
                    throw new IOException("ng " + name + " answered " + r.get("result") + ": " + r.get("error-reason"));
                }
                return r;
            }
        }
        throw new IOException("ng " + name + ": no answer from " + server + " after 3 tries");
    }

    @Override
    public void close() {
        socket.close();
    }
}
