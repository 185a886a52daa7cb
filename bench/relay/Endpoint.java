import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One phone of a benchmark call: a loopback UDP socket that sends one G.711 stream (to the relay, or straight to its
 * peer for the baseline) and receives its peer's. Send counters are written only by its sender thread, receive
 * counters only by its selector thread; both are read after those threads ended.
 */
final class Endpoint {

    final int id;
    final DatagramChannel channel;
    final InetSocketAddress local;
    /** A phone of a direct call run beside the relayed ones: the baseline under the same load at the same moment. */
    final boolean probe;
    LatencyHistogram latency;
    Endpoint peer;
    InetSocketAddress sendTo;

    int seq;
    long sentInWindow;
    long sendErrors;

    long receivedInWindow;
    long reordered;
    long misrouted;
    int highestSeq = -1;

    Endpoint(int id, boolean probe) throws IOException {
        this.id = id;
        this.probe = probe;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.channel.configureBlocking(false);
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /** SDP as a phone at this socket would offer or answer it: PCMU, 20 ms. */
    String sdp() {
        return "v=0\r\no=bench " + id + " 1 IN IP4 127.0.0.1\r\ns=bench\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + local.getPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n";
    }

    /** Reads one datagram into {@code buf}: its length, or 0 when none is waiting (or an ICMP error was). */
    int read(ByteBuffer buf) {
        try {
            return channel.read(buf);
        } catch (IOException e) { // ICMP port unreachable for an earlier send: not this read's datagram
            return buf.position();
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram socket does not fail in a way that matters here
        }
    }
}
