import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.tandem.media.relay.LegStats;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;

/**
 * Not Tandem's relay: the reference point of the benchmark, the least a JVM has to do to relay RTP (one selector
 * thread, one socket per leg, latch the first packet from an allowed IP, copy each datagram to the other leg's
 * party). No RTCP, no sequence or jitter statistics, no dead-stream timer. What Tandem's relay costs beyond this is
 * the price of its features; what this costs beyond rtpengine is the price of Java NIO.
 */
final class PlainRelay implements MediaRelay {

    private final Selector selector;
    private final Queue<Runnable> toSelector = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    PlainRelay() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::forward, "plain-relay");
        thread.start();
    }

    @Override
    public RelayCall open(String callId, RelayEvents events, Executor callbackExecutor) {
        try {
            Leg caller = new Leg();
            Leg callee = new Leg();
            caller.other = callee;
            callee.other = caller;
            onSelector(() -> {
                try {
                    caller.channel.register(selector, SelectionKey.OP_READ, caller);
                    callee.channel.register(selector, SelectionKey.OP_READ, callee);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            open.incrementAndGet();
            return new RelayCall() {
                volatile boolean closed;

                public RelayLeg leg(Side side) {
                    return side == Side.CALLER ? caller : callee;
                }

                public String callId() {
                    return callId;
                }

                public boolean isClosed() {
                    return closed;
                }

                public org.tandem.media.relay.CallRecording record(java.nio.file.Path target) {
                    throw new UnsupportedOperationException("the baseline relay records nothing");
                }

                public org.tandem.media.relay.CallRecording recording() {
                    return null;
                }

                public void close() {
                    if (closed) return;
                    closed = true;
                    open.decrementAndGet();
                    onSelector(() -> {
                        caller.close();
                        callee.close();
                    });
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int openCalls() {
        return open.get();
    }

    @Override
    public long packetsRelayed() {
        return 0; // not counted: the reference does only what forwarding needs
    }

    @Override
    public long packetsDropped() {
        return 0;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }

    private void onSelector(Runnable r) {
        toSelector.add(r);
        selector.wakeup();
    }

    private void forward() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (running) {
                selector.select(100);
                for (Runnable r; (r = toSelector.poll()) != null; ) r.run();
                for (SelectionKey key : selector.selectedKeys()) {
                    Leg leg = (Leg) key.attachment();
                    SocketAddress from;
                    while (key.isValid() && (from = leg.channel.receive(buf.clear())) != null) {
                        if (!leg.accepts((InetSocketAddress) from)) continue;
                        Leg out = leg.other;
                        InetSocketAddress to = out.latched != null ? out.latched : out.sdpRtp;
                        if (to == null) continue;
                        leg.packetsReceived++;
                        out.packetsSent++;
                        out.channel.send(buf.flip(), to);
                    }
                }
                selector.selectedKeys().clear();
            }
            selector.close();
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    private static final class Leg implements RelayLeg {
        final DatagramChannel channel;
        Leg other;
        volatile InetSocketAddress sdpRtp;
        volatile InetAddress signalling;
        volatile InetSocketAddress latched;
        long packetsReceived, packetsSent, dropped;

        Leg() throws IOException {
            channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
        }

        boolean accepts(InetSocketAddress from) {
            if (latched == null) {
                InetSocketAddress sdp = sdpRtp;
                if (sdp != null && (from.getAddress().equals(sdp.getAddress()) || from.getAddress().equals(signalling))) {
                    latched = from;
                }
            }
            if (from.equals(latched)) return true;
            dropped++;
            return false;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do for a socket that will not close
            }
        }

        org.tandem.media.srtp.SdesCrypto srtpReceived;
        org.tandem.media.srtp.SdesCrypto srtpSent;

        @Override
        public int localRtpPort() {
            return channel.socket().getLocalPort();
        }

        @Override
        public void expect(InetSocketAddress sdpRtp, InetSocketAddress sdpRtcp, boolean rtcpMux,
                           InetAddress signallingSource, int clockRate) {
            this.signalling = signallingSource;
            this.sdpRtp = sdpRtp;
            this.latched = null;
        }

        @Override
        public void iceLite(org.tandem.media.ice.IceCredentials local, org.tandem.media.ice.IceCredentials remote) {
            if (local != null) throw new UnsupportedOperationException("the reference relay does no ICE");
        }

        @Override
        public void srtp(org.tandem.media.srtp.SdesCrypto received, org.tandem.media.srtp.SdesCrypto sent) {
            srtpReceived = received;
            srtpSent = sent;
        }

        @Override
        public void setHeld(boolean held) {
        }

        @Override
        public LegStats stats() {
            return new LegStats(packetsReceived, 0, packetsSent, 0, latched, 0, 0, -1, -1, dropped);
        }
    }
}
