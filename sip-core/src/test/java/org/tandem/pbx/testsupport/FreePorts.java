package org.tandem.pbx.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on 127.0.0.1 for both UDP and TCP right now (others run tests on this machine too), and not handed out
 * again by this JVM for {@link #REUSE_AFTER_MILLIS}: a port a finished SIPp used may still receive the server's
 * retransmissions (RFC 3261 §17.2.1 Timer G, up to Timer H's 32 s) for a while, which would abort the next SIPp bound
 * to it.
 *
 * <p>They are drawn from 20000–32767: above the appliance's default RTP range (10000–20000, which the media
 * services and the relay of every test appliance allocate from) and below the kernel's ephemeral range
 * ({@code net.ipv4.ip_local_port_range}, 32768–60999 on Debian). A port the kernel has just given out as "free"
 * (bind to port 0) can be handed out again as the source port of any client connection on the machine (a browser,
 * an HTTP or JDBC client, another build) before the appliance binds it: RegistrationIT's appliance once failed to
 * start with "Address already in use" on such a port.
 *
 * <p>Each test JVM draws from a slice of that range of its own: the build runs several at once (pbx-core-it's and
 * the appliance's forks side by side, scripts/test.sh), and a port one JVM found free could be found free by another
 * in the moment before the first one's SIPp bound it; a SIPp that then cannot bind exits at once ("Unable to bind
 * audio RTP socket ... Address already in use", a pickup test's phone in session 44) and its test fails for no fault
 * of the appliance. A JVM claims the first of {@link #SLICES} slices whose lock file under the temporary directory
 * it can lock; the lock ends with the JVM, however it ends. With more JVMs than slices the rest share the whole range,
 * as every JVM did before.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32767;
    private static final int SLICES = 8;
    /** Longer than any transaction that could still send to a port (64 × T1 = 32 s) with room for a slow machine. */
    private static final long REUSE_AFTER_MILLIS = 120_000;

    /** When this JVM gave out each port (milliseconds of {@link System#nanoTime()}); guarded by the class. */
    private static final Map<Integer, Long> GIVEN = new HashMap<>();

    private static final Slice SLICE = Slice.claim();

    private FreePorts() {}

    /**
     * This JVM's part of the range, [lowest, highest], and the lock that holds it (null: the whole range, shared),
     * referenced from here for the JVM's life: a channel that is collected is closed, and its lock goes with it.
     */
    record Slice(int lowest, int highest, FileLock lock) {

        static Slice claim() {
            int size = (HIGHEST - LOWEST + 1) / SLICES;
            try {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tandem-test-ports");
                Files.createDirectories(dir);
                for (int i = 0; i < SLICES; i++) {
                    FileChannel channel = FileChannel.open(
                            dir.resolve("slice-" + i + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException heldHere) {
                        lock = null; // this JVM holds it already
                    }
                    if (lock != null) return new Slice(LOWEST + i * size, LOWEST + (i + 1) * size - 1, lock);
                    channel.close();
                }
            } catch (IOException e) {
                // no lock files (a read-only temporary directory): the whole range, as before
            }
            return new Slice(LOWEST, HIGHEST, null);
        }
    }

    /** The ports this JVM draws from: its slice, or the whole range when every slice was taken. */
    static Slice slice() {
        return SLICE;
    }

    public static synchronized int udpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = candidate(1);
            if (!give(port)) continue;
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException inUse) {
                // another program has it: try another
            }
        }
        throw new IllegalStateException(
                "No port of " + SLICE.lowest() + "-" + SLICE.highest() + " free for both UDP and TCP on 127.0.0.1");
    }

    /** A random port of this JVM's slice with {@code count} ports from it inside the slice. */
    private static int candidate(int count) {
        return ThreadLocalRandom.current().nextInt(SLICE.lowest(), SLICE.highest() - count + 2);
    }

    /** Marks {@code port} given now; false when this JVM gave it out less than {@link #REUSE_AFTER_MILLIS} ago. */
    private static boolean give(int port) {
        if (recentlyGiven(port)) return false;
        GIVEN.put(port, nowMillis());
        return true;
    }

    private static boolean recentlyGiven(int port) {
        Long at = GIVEN.get(port);
        return at != null && nowMillis() - at < REUSE_AFTER_MILLIS;
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * The first of four consecutive ports free on 127.0.0.1 for UDP, for SIPp's {@code -mp}: it binds the audio RTP
     * port, RTCP next to it, and the video pair two above, even when it plays nothing. A single free port was not
     * enough: the video port two above it was once another peer's SIP port ("Unable to bind video RTP socket").
     */
    public static int mediaBlock() {
        return udpBlock(4);
    }

    /** The first of {@code count} consecutive ports free on 127.0.0.1 for UDP (e.g. a TURN server's relay range). */
    public static synchronized int udpBlock(int count) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = candidate(count);
            boolean free = true;
            java.util.List<DatagramSocket> held = new java.util.ArrayList<>();
            try {
                for (int p = base; p < base + count && free; p++) {
                    if (recentlyGiven(p)) {
                        free = false;
                        break;
                    }
                    try {
                        held.add(new DatagramSocket(new InetSocketAddress(loopback, p)));
                    } catch (IOException busy) {
                        free = false;
                    }
                }
            } finally {
                held.forEach(DatagramSocket::close);
            }
            if (!free) continue;
            long now = nowMillis();
            for (int p = base; p < base + count; p++) GIVEN.put(p, now);
            return base;
        }
        throw new IllegalStateException("No " + count + " consecutive UDP ports of " + SLICE.lowest() + "-"
                + SLICE.highest() + " free on 127.0.0.1 after 200 attempts");
    }
}
