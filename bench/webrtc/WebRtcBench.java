import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tandem.media.MediaProperties;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.dtls.BrowserDtls;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayConfiguration;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;
import org.tandem.media.srtp.JitsiSrtp;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.FrameCodec;

/**
 * Browser-to-phone calls through Tandem's relay (issue 16): N calls, each with a "browser" (DTLS-SRTP on its face,
 * RFC 5763/5764, the relay as DTLS server: handshake, then SRTP both ways) and a "phone" (plain RTP), both sending
 * 20 ms PCMU at 50 packets/s; and as the reference in the same run, the same N calls with two plain phones. Reports the
 * CPU the relay's own threads ({@code tandem-relay-*}: IO loops and the DTLS handshake pool) spend per call-second
 * and per 1000 relayed packets, the loss, and the handshake's CPU and time per call; the ratio WebRTC/plain is what
 * terminating DTLS-SRTP costs. A third mode has the browsers send Opus (RFC 7587, 20 ms frames of a tone) and the
 * relay transcode Opus ↔ PCMU (tandem.media.browser-opus): the ratio opus/plain is what transcoding costs, and
 * "calls/core" is how many such calls one core could carry at that CPU per call. The phones send a 440 Hz tone in
 * PCMU (the Opus encoder's work depends on what it encodes). The load (encrypting as the browsers, counting) runs on
 * other threads of this JVM and is not counted. A measurement, never a test.
 *
 * <pre>java WebRtcBench --calls 50,100 --seconds 10 --warmup 2</pre>
 */
public class WebRtcBench {

    static final int PAYLOAD = 160;

    public static void main(String[] args) throws Exception {
        int[] levels = {50, 100};
        int seconds = 10;
        int warmup = 2;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> levels = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: WebRtcBench [--calls N,M] [--seconds S] [--warmup W]");
            }
        }
        System.out.printf(Locale.ROOT, "%-7s %6s %12s %14s %8s %14s %12s %10s%n", "mode", "calls", "cpu ms/call·s",
                "cpu ms/1k pkts", "loss %", "handshake ms", "hs cpu ms", "calls/core");
        for (int calls : levels) {
            Result plain = run(calls, Mode.PLAIN, seconds, warmup);
            Result webrtc = run(calls, Mode.WEBRTC, seconds, warmup);
            Result opus = run(calls, Mode.OPUS, seconds, warmup);
            print("plain", calls, plain);
            print("webrtc", calls, webrtc);
            print("opus", calls, opus);
            System.out.printf(Locale.ROOT, "webrtc/plain %d calls: %.2f (cpu per call), %.2f (cpu per packet)%n", calls,
                    webrtc.cpuMsPerCallSecond() / plain.cpuMsPerCallSecond(),
                    webrtc.cpuMsPer1000Packets() / plain.cpuMsPer1000Packets());
            System.out.printf(Locale.ROOT, "opus/plain   %d calls: %.2f (cpu per call), %.2f (cpu per packet)%n", calls,
                    opus.cpuMsPerCallSecond() / plain.cpuMsPerCallSecond(),
                    opus.cpuMsPer1000Packets() / plain.cpuMsPer1000Packets());
        }
    }

    /** Plain RTP both sides; a DTLS-SRTP browser sending PCMU; a DTLS-SRTP browser sending Opus, transcoded. */
    enum Mode { PLAIN, WEBRTC, OPUS }

    /** 20 ms frames of a 1 s tone, the same for every call: PCMU 440 Hz for phones, Opus 1000 Hz for browsers. */
    static final byte[][] PCMU_TONE = new byte[50][];
    static final byte[][] OPUS_TONE = new byte[50][];

    static {
        try (FrameCodec opus = AudioCodec.OPUS.newFrameCodec()) {
            for (int f = 0; f < 50; f++) {
                short[] low = new short[PAYLOAD];
                short[] high = new short[PAYLOAD];
                for (int i = 0; i < PAYLOAD; i++) {
                    low[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * PAYLOAD + i) / 8000));
                    high[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (f * PAYLOAD + i) / 8000));
                }
                PCMU_TONE[f] = new byte[PAYLOAD];
                AudioCodec.PCMU.encode(low, PAYLOAD, PCMU_TONE[f], 0);
                byte[] out = new byte[1500];
                OPUS_TONE[f] = Arrays.copyOf(out, opus.encode(high, PAYLOAD, out));
            }
        }
    }

    record Result(int calls, double seconds, long cpuNanos, long relayed, long sent, long received,
                  double handshakeMsP50, double handshakeCpuMsPerCall) {
        double cpuMsPerCallSecond() {
            return cpuNanos / 1e6 / calls / seconds;
        }

        double cpuMsPer1000Packets() {
            return relayed == 0 ? Double.NaN : cpuNanos / 1e6 / relayed * 1000;
        }

        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * Math.max(0, sent - received) / sent;
        }
    }

    static void print(String mode, int calls, Result r) {
        System.out.printf(Locale.ROOT, "%-7s %6d %12.3f %14.3f %8.3f %14s %12s %10.0f%n", mode, calls,
                r.cpuMsPerCallSecond(), r.cpuMsPer1000Packets(), r.lossPercent(),
                Double.isNaN(r.handshakeMsP50()) ? "-" : String.format(Locale.ROOT, "%.1f", r.handshakeMsP50()),
                Double.isNaN(r.handshakeCpuMsPerCall()) ? "-" : String.format(Locale.ROOT, "%.2f", r.handshakeCpuMsPerCall()),
                1000 / r.cpuMsPerCallSecond());
    }

    /** One endpoint: a socket, its face, and for a browser its SRTP contexts. */
    static final class End {
        final DatagramChannel channel;
        final RelayLeg face;
        JitsiSrtp sends;
        JitsiSrtp hears;
        int seq;
        final int ssrc;
        boolean opus; // sends Opus (a browser in the OPUS mode), else PCMU
        final AtomicLong received = new AtomicLong();
        long sent;

        End(RelayLeg face, int ssrc) throws Exception {
            this.face = face;
            this.ssrc = ssrc;
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 16);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        InetSocketAddress address() throws Exception {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        InetSocketAddress faceAddress() {
            return new InetSocketAddress("127.0.0.1", face.localRtpPort());
        }

        void send() throws Exception {
            byte[] payload = opus ? OPUS_TONE[seq % 50] : PCMU_TONE[seq % 50];
            ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
            b.put((byte) 0x80).put((byte) (opus ? 111 : 0)).putShort((short) seq)
                    .putInt(seq * (opus ? 960 : PAYLOAD)).putInt(ssrc).put(payload);
            seq++;
            byte[] packet = sends == null ? b.array() : sends.protectRtp(b.array());
            channel.send(ByteBuffer.wrap(packet), faceAddress());
            sent++;
        }
    }

    static Result run(int calls, Mode mode, int seconds, int warmup) throws Exception {
        boolean webrtc = mode != Mode.PLAIN;
        MediaProperties media = MediaProperties.loopback(33000, 33000 + calls * 8 + 64, Duration.ofSeconds(60));
        RelayProperties props = new RelayProperties(RelayMode.ALWAYS, null, Duration.ofSeconds(60), null, 1);
        MediaRelay relay = new RelayConfiguration().mediaRelay(props, PortAllocator.of(media));
        List<End[]> pairs = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> handshakeMs = new ArrayList<>();
        long hsCpuBefore = relayCpu(threads);
        try {
            for (int c = 0; c < calls; c++) {
                RelayCall call = relay.open("bench-" + c, new RelayEvents() { }, Runnable::run);
                End browser = new End(call.leg(Side.CALLER), 0x1000 + c);
                End phone = new End(call.leg(Side.CALLEE), 0x2000 + c);
                browser.opus = mode == Mode.OPUS;
                if (browser.opus) call.transcode(new Transcoding(Side.CALLER, 111, 110, 0, 101));
                browser.face.expect(browser.address(), null, true, browser.address().getAddress(),
                        browser.opus ? 48000 : 8000);
                phone.face.expect(phone.address(), null, true, phone.address().getAddress(), 8000);
                pairs.add(new End[] {browser, phone});
            }
            if (webrtc) {
                // the handshakes, a few at a time as browsers answering calls would (the relay's pool is bounded)
                ExecutorService shakers = Executors.newFixedThreadPool(4);
                List<Future<Double>> done = new ArrayList<>();
                for (End[] p : pairs) {
                    done.add(shakers.submit(() -> handshake(relay, p[0])));
                }
                for (Future<Double> f : done) handshakeMs.add(f.get(60, TimeUnit.SECONDS));
                shakers.shutdown();
            }
            long hsCpu = relayCpu(threads) - hsCpuBefore;
            Selector selector = Selector.open();
            for (End[] p : pairs) {
                for (End e : p) {
                    e.channel.configureBlocking(false);
                    e.channel.register(selector, SelectionKey.OP_READ, e);
                }
            }
            Thread receiver = new Thread(() -> receive(selector), "bench-receiver");
            receiver.setDaemon(true);
            receiver.start();
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long end = measureFrom + seconds * 1_000_000_000L;
            long cpuAtMeasure = -1;
            long relayedAtMeasure = 0;
            long sentAtMeasure = 0;
            long receivedAtMeasure = 0;
            long tick = start;
            while (true) {
                long now = System.nanoTime();
                if (cpuAtMeasure < 0 && now >= measureFrom) {
                    cpuAtMeasure = relayCpu(threads);
                    relayedAtMeasure = relayed(pairs);
                    sentAtMeasure = sent(pairs);
                    receivedAtMeasure = received(pairs);
                }
                if (now >= end) break;
                for (End[] p : pairs) {
                    p[0].send();
                    p[1].send();
                }
                tick += 20_000_000L;
                long sleep = tick - System.nanoTime();
                if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
            }
            long cpu = relayCpu(threads) - cpuAtMeasure;
            long relayedPackets = relayed(pairs) - relayedAtMeasure;
            long sentPackets = sent(pairs) - sentAtMeasure;
            TimeUnit.MILLISECONDS.sleep(200); // the last packets in flight
            long receivedPackets = received(pairs) - receivedAtMeasure;
            selector.close();
            List<Double> sorted = new ArrayList<>(handshakeMs);
            sorted.sort(Double::compare);
            return new Result(calls, seconds, cpu, relayedPackets, sentPackets, receivedPackets,
                    sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
                    webrtc ? hsCpu / 1e6 / calls : Double.NaN);
        } finally {
            for (End[] p : pairs) {
                for (End e : p) e.channel.close();
            }
            relay.close();
        }
    }

    /** The browser's DTLS handshake with its face (RFC 5763: the relay is the server), then its SRTP contexts. */
    static double handshake(MediaRelay relay, End browser) throws Exception {
        BrowserDtls dtls = BrowserDtls.withFreshCertificate(relay.dtlsFingerprint());
        browser.face.dtlsSrtp(dtls.fingerprint());
        long t0 = System.nanoTime();
        dtls.connect(browser.channel.socket(), browser.faceAddress());
        double ms = (System.nanoTime() - t0) / 1e6;
        browser.sends = new JitsiSrtp(dtls.sendKey(), true);
        browser.hears = new JitsiSrtp(dtls.receiveKey(), false);
        // the relay has its keys a moment after the client is done: wait until the face relays what it sends
        for (int i = 0; i < 100 && browser.face.stats().packetsReceived() == 0; i++) {
            browser.send();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return ms;
    }

    static void receive(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (selector.isOpen()) {
                selector.select(100);
                if (!selector.isOpen()) return;
                for (SelectionKey key : selector.selectedKeys()) {
                    End e = (End) key.attachment();
                    buffer.clear();
                    while (((DatagramChannel) key.channel()).receive(buffer) != null) {
                        buffer.flip();
                        byte[] packet = new byte[buffer.remaining()];
                        buffer.get(packet);
                        if (e.hears != null) e.hears.unprotectRtp(packet); // the browser decrypts what it gets
                        e.received.incrementAndGet();
                        buffer.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (Exception closed) {
            // the run is over
        }
    }

    static long relayed(List<End[]> pairs) {
        long n = 0;
        for (End[] p : pairs) n += p[0].face.stats().packetsSent() + p[1].face.stats().packetsSent();
        return n;
    }

    static long sent(List<End[]> pairs) {
        long n = 0;
        for (End[] p : pairs) n += p[0].sent + p[1].sent;
        return n;
    }

    static long received(List<End[]> pairs) {
        long n = 0;
        for (End[] p : pairs) n += p[0].received.get() + p[1].received.get();
        return n;
    }

    /** CPU time of the relay's own threads (IO loops, DTLS pool): what the appliance spends. */
    static long relayCpu(ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("tandem-relay")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) total += t;
            }
        }
        return total;
    }
}
