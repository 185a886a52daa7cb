import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tandem.media.MediaProperties;
import org.tandem.media.MediaSession;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording;
import org.tandem.media.internal.JitsiMediaEngine;

/**
 * Media benchmark (not a test), two processes pinned to one core each by run.sh:
 *   server engine N SECONDS PEER_BASE  - N engine sessions, each recording what it gets and playing a
 *                                         prompt (a voicemail/IVR call); prints samples recorded and CPU
 *   server conference N SECONDS PEER_BASE - N engine sessions in conference rooms of ROOM participants
 *                                         (each hears the N-1 mix of its room); prints CPU
 *   server raw N SECONDS PEER_BASE     - reference: N plain UDP sockets echoing every packet (no engine)
 *   load N SECONDS PEER_BASE           - N phones: 20 ms PCMU packets to whoever sent to them first,
 *                                         counting what comes back (loss, RFC 3550 jitter)
 */
public class MediaBench {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int peerBase = Integer.parseInt(args[4]);
        if (args[0].equals("server") && args[1].equals("engine")) engine(n, seconds, peerBase);
        else if (args[0].equals("server") && args[1].equals("conference")) conference(n, seconds, peerBase);
        else if (args[0].equals("server")) raw(n, seconds, peerBase);
        else load(n, seconds, peerBase);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void engine(int n, int seconds, int peerBase) throws Exception {
        int base = peerBase + 10_000;
        try (JitsiMediaEngine engine = new JitsiMediaEngine(new MediaProperties(base, base + 4 * n + 100, "127.0.0.1",
                "127.0.0.1", Duration.ofSeconds(60), null))) {
            short[] prompt = new short[8000 * (seconds + 30)];
            for (int i = 0; i < prompt.length; i++) prompt[i] = (short) (6000 * Math.sin(2 * Math.PI * 1000 * i / 8000));
            List<MediaSession> sessions = new ArrayList<>();
            List<CompletableFuture<Recording>> recordings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio " + (peerBase + 2 * i) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
                MediaSession s = engine.answer(offer, null, Runnable::run);
                sessions.add(s);
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(2000); // the phones' process starts and begins sending
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (MediaSession s : sessions) {
                recordings.add(s.record(new RecordOptions(Duration.ofSeconds(seconds + 60), null, "")).toCompletableFuture());
                s.play(prompt);
            }
            Thread.sleep(seconds * 1000L);
            long cpu = cpuNanos() - cpu0;
            long wall = System.nanoTime() - t0;
            sessions.forEach(MediaSession::stopRecording);
            long samples = 0;
            for (CompletableFuture<Recording> r : recordings) samples += r.get(30, TimeUnit.SECONDS).length().toMillis() * 8;
            double expected = (double) n * wall / 1e9 * 8000;
            System.out.printf("server-result sessions=%d cpu_cores=%.3f recorded_ratio=%.4f%n", n, (double) cpu / wall,
                    samples / expected);
            sessions.forEach(MediaSession::close);
        }
    }

    static final int ROOM = 10;

    static void conference(int n, int seconds, int peerBase) throws Exception {
        int base = peerBase + 10_000;
        try (JitsiMediaEngine engine = new JitsiMediaEngine(new MediaProperties(base, base + 4 * n + 100, "127.0.0.1",
                "127.0.0.1", Duration.ofSeconds(60), null))) {
            List<MediaSession> sessions = new ArrayList<>();
            List<org.tandem.media.ConferenceMixer> rooms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio " + (peerBase + 2 * i) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
                sessions.add(engine.answer(offer, null, Runnable::run));
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(2000);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (i % ROOM == 0) rooms.add(engine.createConference());
                rooms.get(rooms.size() - 1).join(sessions.get(i));
            }
            Thread.sleep(seconds * 1000L);
            long cpu = cpuNanos() - cpu0;
            long wall = System.nanoTime() - t0;
            // no recorder here: what counts is what the phones receive (every participant gets the mix)
            System.out.printf("server-result sessions=%d rooms=%d cpu_cores=%.3f recorded_ratio=1.0000%n", n, rooms.size(),
                    (double) cpu / wall);
            rooms.forEach(org.tandem.media.ConferenceMixer::close);
            sessions.forEach(MediaSession::close);
        }
    }

    static void raw(int n, int seconds, int peerBase) throws Exception {
        Selector selector = Selector.open();
        List<DatagramChannel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", peerBase + 10_000 + 2 * i));
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            channels.add(c);
        }
        java.util.Set<DatagramChannel> heard = new java.util.HashSet<>();
        System.out.println("ready");
        System.out.flush();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long end = t0 + (seconds + 6) * 1_000_000_000L; // outlives the phones' measuring window
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (System.nanoTime() < end) {
            if (heard.size() < n) { // prime the phones so they know where to send (as the engine's frames do)
                for (int i = 0; i < n; i++) {
                    if (!heard.contains(channels.get(i))) {
                        channels.get(i).send(ByteBuffer.wrap(rtp(0, 0, 1)), new InetSocketAddress("127.0.0.1", peerBase + 2 * i));
                    }
                }
            }
            if (selector.select(100) == 0) continue;
            for (SelectionKey k : selector.selectedKeys()) {
                DatagramChannel c = (DatagramChannel) k.channel();
                heard.add(c);
                SocketAddress from;
                while ((from = (buf.clear() == null ? null : c.receive(buf))) != null) {
                    buf.flip();
                    c.send(buf, from);
                }
            }
            selector.selectedKeys().clear();
        }
        System.out.printf("server-result sessions=%d cpu_cores=%.3f recorded_ratio=%.4f%n", n,
                (double) (cpuNanos() - cpu0) / (System.nanoTime() - t0), 1.0);
        for (DatagramChannel c : channels) c.close();
    }

    static byte[] rtp(int seq, long ts, long ssrc) {
        byte[] p = new byte[172];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) p[i] = (byte) 0xFF;
        return p;
    }

    /** Per phone: where to send, what came back, RFC 3550 §6.4.1 interarrival jitter. */
    static final class Phone {
        final DatagramChannel channel;
        volatile SocketAddress remote;
        long received;
        long firstArrival;
        double jitter;
        long lastTransit = Long.MIN_VALUE;

        Phone(DatagramChannel channel) {
            this.channel = channel;
        }
    }

    static void load(int n, int seconds, int peerBase) throws Exception {
        List<Phone> phones = new ArrayList<>();
        Selector selector = Selector.open();
        for (int i = 0; i < n; i++) {
            DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", peerBase + 2 * i));
            c.configureBlocking(false);
            Phone p = new Phone(c);
            c.register(selector, SelectionKey.OP_READ, p);
            phones.add(p);
        }
        System.out.println("ready");
        System.out.flush();
        long t0 = System.nanoTime();
        long end = t0 + (seconds + 4) * 1_000_000_000L; // outlives the server's recording window
        Thread sender = new Thread(() -> {
            try {
                for (int k = 0; System.nanoTime() < end; k++) {
                    LockSupport.parkNanos(t0 + k * 20_000_000L - System.nanoTime());
                    for (int i = 0; i < phones.size(); i++) {
                        Phone p = phones.get(i);
                        if (p.remote != null) p.channel.send(ByteBuffer.wrap(rtp(k, k * 160L, i + 1)), p.remote);
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "bench-sender");
        sender.start();
        ByteBuffer buf = ByteBuffer.allocate(2048);
        long measureFrom = t0 + 1_500_000_000L; // settle first
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (selector.select(100) == 0) continue;
            for (SelectionKey key : selector.selectedKeys()) {
                Phone p = (Phone) key.attachment();
                SocketAddress from;
                while ((from = (buf.clear() == null ? null : p.channel.receive(buf))) != null) {
                    long now = System.nanoTime();
                    if (p.remote == null) p.remote = from;
                    if (now < measureFrom || now > measureTo || buf.position() < 12) continue;
                    p.received++;
                    long ts = ((buf.get(4) & 0xFFL) << 24) | ((buf.get(5) & 0xFF) << 16) | ((buf.get(6) & 0xFF) << 8) | (buf.get(7) & 0xFF);
                    long transit = now / 125_000 - ts; // both in 8 kHz units
                    if (p.lastTransit != Long.MIN_VALUE) {
                        long d = Math.abs(transit - p.lastTransit);
                        if (d < 8000) p.jitter += (d - p.jitter) / 16.0;
                    }
                    p.lastTransit = transit;
                }
            }
            selector.selectedKeys().clear();
        }
        sender.join();
        double expectedPerPhone = seconds * 50.0;
        long total = 0;
        double maxJitterMs = 0;
        double sumJitterMs = 0;
        for (Phone p : phones) {
            total += p.received;
            maxJitterMs = Math.max(maxJitterMs, p.jitter / 8.0);
            sumJitterMs += p.jitter / 8.0;
            p.channel.close();
        }
        System.out.printf("load-result phones=%d received_ratio=%.4f jitter_mean_ms=%.2f jitter_max_ms=%.2f%n", n,
                total / (expectedPerPhone * n), sumJitterMs / n, maxJitterMs);
    }
}
