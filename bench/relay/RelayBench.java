import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;

/**
 * Media relay benchmark (not a test), the load tool: N concurrent G.711 calls, each two phones streaming 20 ms PCMU
 * (172-byte RTP, 50 packets/s) at each other through a relay, for a bounded time. Every packet carries its send time
 * (System.nanoTime) and a 32-bit sequence number in the payload, so the receiving phone measures loss, reordering and
 * one-way latency. Beside every relayed run, a tenth as many calls go phone to phone at the same time (probes): their
 * latency is the baseline, taken under the same load and the same noise, that the relay's is compared with. The
 * {@code direct} target runs only such calls, N of them: what the load tool and the kernel cost without a relay.
 * Relays are driven by rtpengine's ng protocol (offer/answer/delete with SDP, as Kamailio's rtpengine module does);
 * Tandem's relay gets the same commands from {@code RelayNgServer}.
 *
 * <pre>
 * java RelayBench --calls 100,250,500 --seconds 10 [--rounds 3] [--warmup 2] [--senders 2] [--receivers 1]
 *      --target direct --target NAME=HOST:NGPORT@PID ...
 * </pre>
 * Prints one {@code result ...} line per level, round and target; CPU is read from /proc/PID/stat (utime+stime) at the
 * start and end of the measured window, for the relay's process and for this one.
 */
public class RelayBench {

    static final int PACKET = 172;
    static final long PTIME = 20_000_000L;
    static final int SLOTS = 20; // phones are spread over the 20 ms in 1 ms slots, as unsynchronised phones are

    record Target(String name, InetSocketAddress ng, long pid) {
        static Target parse(String s) {
            if (s.equals("direct")) return new Target("direct", null, -1);
            String[] nameRest = s.split("=", 2);
            String[] addrPid = nameRest[1].split("@", 2);
            String[] hostPort = addrPid[0].split(":", 2);
            return new Target(nameRest[0], new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                    Long.parseLong(addrPid[1]));
        }
    }

    int seconds = 10;
    int warmup = 2;
    int senders = 2;
    int receivers = 1;
    long clockTicks = 100;
    private int run;

    public static void main(String[] args) throws Exception {
        RelayBench bench = new RelayBench();
        List<Integer> levels = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        int rounds = 1;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--calls" -> { for (String n : v.split(",")) levels.add(Integer.parseInt(n.trim())); }
                case "--seconds" -> bench.seconds = Integer.parseInt(v);
                case "--warmup" -> bench.warmup = Integer.parseInt(v);
                case "--senders" -> bench.senders = Integer.parseInt(v);
                case "--receivers" -> bench.receivers = Integer.parseInt(v);
                case "--clock-ticks" -> bench.clockTicks = Long.parseLong(v);
                case "--target" -> targets.add(Target.parse(v));
                case "--rounds" -> rounds = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // rounds: every target once per round, in a rotating order, so that a burst of other work on the machine
        // hits one round of one target rather than all of one target's measurement
        for (int n : levels) {
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get((i + round - 1) % targets.size());
                    try {
                        System.out.println(bench.measure(t, n) + " round=" + round);
                    } catch (IOException | RuntimeException e) { // reported, and the other targets still run
                        System.out.printf("result target=%s calls=%d round=%d error=\"%s\"%n", t.name(), n, round, e.getMessage());
                    }
                    System.out.flush();
                    Thread.sleep(1000); // let the previous run's stragglers drain
                }
            }
        }
    }

    String measure(Target target, int calls) throws Exception {
        run++;
        List<Endpoint> phones = new ArrayList<>();
        NgClient ng = target.ng() == null ? null : new NgClient(target.ng());
        List<Selector> selectors = new ArrayList<>();
        try {
            // beside relayed calls, a tenth as many direct ones: their latency is the baseline at the same moments,
            // under the same load on this tool and the machine, so the difference is what the relay adds
            int probes = ng == null ? 0 : Math.max(5, calls / 10);
            for (int i = 0; i < 2 * (calls + probes); i++) phones.add(new Endpoint(i, i >= 2 * calls));
            long setup0 = System.nanoTime();
            for (int c = 0; c < calls; c++) connect(ng, c, phones.get(2 * c), phones.get(2 * c + 1));
            long setupMs = (System.nanoTime() - setup0) / 1_000_000;
            for (int c = calls; c < calls + probes; c++) connect(null, c, phones.get(2 * c), phones.get(2 * c + 1));
            // a phone sends to and hears from one address (symmetric RTP): a connected socket, as cheap as UDP gets
            for (Endpoint p : phones) p.channel.connect(p.sendTo);
            for (int r = 0; r < receivers; r++) selectors.add(Selector.open());
            LatencyHistogram[] histograms = new LatencyHistogram[2 * receivers]; // relayed, then probes
            for (int r = 0; r < histograms.length; r++) histograms[r] = new LatencyHistogram();
            for (Endpoint p : phones) {
                p.latency = histograms[p.id % receivers + (p.probe ? receivers : 0)];
                p.channel.register(selectors.get(p.id % receivers), SelectionKey.OP_READ, p);
            }

            long t0 = System.nanoTime() + 100_000_000L;
            long m0 = t0 + warmup * 1_000_000_000L;
            long m1 = m0 + seconds * 1_000_000_000L;
            long sendEnd = m1 + 200_000_000L;
            long receiveEnd = m1 + 1_000_000_000L; // what has not arrived 0.8 s after the last send counts as lost
            long[] senderLateNanos = new long[senders];
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < receivers; r++) {
                int ri = r;
                threads.add(new Thread(() -> receive(selectors.get(ri), m0, m1, receiveEnd), "bench-rx-" + r));
            }
            for (int s = 0; s < senders; s++) {
                int si = s;
                List<Endpoint> mine = phones.stream().filter(p -> p.id % senders == si).toList();
                threads.add(new Thread(() -> senderLateNanos[si] = send(mine, t0, m0, m1, sendEnd), "bench-tx-" + s));
            }
            threads.forEach(Thread::start);
            sleepUntil(m0);
            long stall0 = cpuStallMicros();
            long relayCpu0 = cpuTicks(target.pid());
            long relaySys0 = systemTicks(target.pid());
            long selfCpu0 = cpuTicks(ProcessHandle.current().pid());
            sleepUntil(m1);
            long stall1 = cpuStallMicros();
            long relayCpu1 = cpuTicks(target.pid());
            long relaySys1 = systemTicks(target.pid());
            long selfCpu1 = cpuTicks(ProcessHandle.current().pid());
            for (Thread t : threads) t.join(30_000);

            LatencyHistogram latency = new LatencyHistogram();
            LatencyHistogram base = new LatencyHistogram();
            for (int r = 0; r < receivers; r++) {
                latency.add(histograms[r]);
                base.add(histograms[receivers + r]);
            }
            long sent = 0, received = 0, reordered = 0, misrouted = 0, sendErrors = 0, probeLost = 0;
            for (Endpoint p : phones) {
                if (p.probe) {
                    probeLost += p.sentInWindow - p.receivedInWindow;
                    continue;
                }
                sent += p.sentInWindow;
                received += p.receivedInWindow;
                reordered += p.reordered;
                misrouted += p.misrouted;
                sendErrors += p.sendErrors;
            }
            long lateMax = 0;
            for (long l : senderLateNanos) lateMax = Math.max(lateMax, l);
            return String.format("result target=%s calls=%d streams=%d window_s=%d sent=%d received=%d lost=%d reordered=%d"
                            + " misrouted=%d send_errors=%d p50_us=%d p99_us=%d max_us=%d relay_cpu_s=%.2f load_cpu_s=%.2f"
                            + " sender_late_max_ms=%.1f setup_ms=%d probe_streams=%d probe_lost=%d base_p50_us=%d"
                            + " base_p99_us=%d base_max_us=%d cpu_pressure=%.2f relay_sys_s=%.2f",
                    target.name(), calls, 2 * calls, seconds, sent, received, sent - received, reordered, misrouted,
                    sendErrors, latency.percentileMicros(0.50), latency.percentileMicros(0.99), latency.maxMicros(),
                    target.pid() < 0 ? 0.0 : (double) (relayCpu1 - relayCpu0) / clockTicks,
                    (double) (selfCpu1 - selfCpu0) / clockTicks, lateMax / 1e6, setupMs, 2 * probes, probeLost,
                    base.percentileMicros(0.50), base.percentileMicros(0.99), base.maxMicros(),
                    (stall1 - stall0) / (seconds * 1e6), (double) (relaySys1 - relaySys0) / clockTicks);
        } finally {
            if (ng != null) {
                for (int c = 0; c < calls && c < phones.size() / 2; c++) {
                    try {
                        ng.command("delete", Map.of("call-id", callId(c), "from-tag", "caller" + c));
                    } catch (IOException e) {
                        System.err.println("delete " + callId(c) + ": " + e.getMessage());
                    }
                }
                ng.close();
            }
            for (Selector s : selectors) s.close();
            phones.forEach(Endpoint::close);
        }
    }

    private String callId(int c) {
        return "bench-" + ProcessHandle.current().pid() + "-" + run + "-" + c;
    }

    /** Where each phone sends: its peer directly, or the relay ports that an offer and an answer allocated. */
    private void connect(NgClient ng, int c, Endpoint caller, Endpoint callee) throws IOException {
        caller.peer = callee;
        callee.peer = caller;
        if (ng == null) {
            caller.sendTo = callee.local;
            callee.sendTo = caller.local;
            return;
        }
        Map<String, Object> offer = ng.command("offer", Map.of("call-id", callId(c), "from-tag", "caller" + c,
                "sdp", caller.sdp()));
        callee.sendTo = mediaAddress((String) offer.get("sdp")); // the offer as the callee gets it
        Map<String, Object> answer = ng.command("answer", Map.of("call-id", callId(c), "from-tag", "caller" + c,
                "to-tag", "callee" + c, "sdp", callee.sdp()));
        caller.sendTo = mediaAddress((String) answer.get("sdp"));
    }

    static InetSocketAddress mediaAddress(String sdp) {
        SessionDescription s = SessionDescription.parse(sdp);
        MediaDescription audio = s.firstAudio();
        return new InetSocketAddress(s.connectionOf(audio), audio.port());
    }

    /** One sender thread: its phones, each once per 20 ms in its own 1 ms slot, on a fixed-rate schedule. */
    static long send(List<Endpoint> phones, long t0, long m0, long m1, long end) {
        ByteBuffer buf = ByteBuffer.allocateDirect(PACKET);
        for (int i = 12; i < PACKET; i++) buf.put(i, (byte) 0xFF);
        buf.put(0, (byte) 0x80); // RTP version 2, payload type 0 (PCMU)
        long lateMax = 0;
        for (long tick = 0; ; tick++) {
            long due = t0 + tick * (PTIME / SLOTS);
            if (due >= end) return lateMax;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            else lateMax = Math.max(lateMax, -wait);
            int slot = (int) (tick % SLOTS);
            for (int i = slot; i < phones.size(); i += SLOTS) {
                Endpoint p = phones.get(i);
                int seq = p.seq++;
                buf.putShort(2, (short) seq).putInt(4, seq * 160).putInt(8, p.id);
                buf.putInt(20, p.id).putInt(24, seq);
                long now = System.nanoTime();
                buf.putLong(12, now).clear();
                try {
                    if (p.channel.write(buf) == 0) p.sendErrors++;
                    else if (now >= m0 && now < m1) p.sentInWindow++;
                } catch (IOException e) { // also ICMP port unreachable from an earlier packet
                    p.sendErrors++;
                }
            }
        }
    }

    /** One receiver thread: counts and times what its phones get, until {@code end}. */
    static void receive(Selector selector, long m0, long m1, long end) {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (System.nanoTime() < end) {
                if (selector.select(50) == 0) continue;
                for (SelectionKey key : selector.selectedKeys()) {
                    Endpoint p = (Endpoint) key.attachment();
                    // one datagram per ready phone and select: a second read would mostly find none (a wasted
                    // syscall at 50 packets/s per phone); one still waiting makes the next select return at once
                    if (p.read(buf.clear()) > 0) {
                        long now = System.nanoTime();
                        long sentAt = buf.getLong(12);
                        if (buf.position() != PACKET || buf.getInt(20) != p.peer.id) p.misrouted++;
                        else if (sentAt >= m0 && sentAt < m1) {
                            int seq = buf.getInt(24);
                            p.receivedInWindow++;
                            p.latency.record(now - sentAt);
                            if (seq <= p.highestSeq) p.reordered++;
                            else p.highestSeq = seq;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15); 0 for no process. */
    static long cpuTicks(long pid) throws IOException {
        if (pid < 0) return 0;
        String[] f = stat(pid);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * stime alone: the kernel's share (system calls, and on loopback the delivery of what the process sends). Linux
     * splits utime from stime by sampling at the tick, so over a few seconds this is rough; perf is the better tool.
     */
    static long systemTicks(long pid) throws IOException {
        return pid < 0 ? 0 : Long.parseLong(stat(pid)[12]);
    }

    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
    }

    /**
     * Microseconds in which some runnable task of this machine waited for a CPU (Linux PSI, /proc/pressure/cpu "some"
     * total); over a window, the share of it that the machine was short of CPU. -1 where the kernel has no PSI.
     */
    static long cpuStallMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            return Long.parseLong(some.substring(some.indexOf("total=") + 6).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void sleepUntil(long deadline) {
        for (long w; (w = deadline - System.nanoTime()) > 0; ) LockSupport.parkNanos(w);
    }
}
