package org.tandem.media.stun.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.stun.StunPackets;
import org.tandem.media.stun.StunProperties;
import org.tandem.media.stun.StunServer;

/**
 * The STUN server on one blocking {@link DatagramChannel}: one named daemon thread ({@code tandem-stun-1}) receives,
 * asks the {@link SourceRateLimiter}, answers through {@link BindingResponder} and sends, all inline: an answer costs a
 * few microseconds, so there is nothing to hand off. Why not ice4j's {@code StunStack}: see docs/media/stun-ice.md.
 */
public final class UdpStunServer implements StunServer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UdpStunServer.class);
    /** STUN requests are small; anything longer is cut and then fails the length check (dropped). */
    private static final int MAX_DATAGRAM = 1500;

    private static final int MAX_TRACKED_SOURCES = 4096;

    private final StunProperties properties;
    private final String bindAddress;
    private final BindingResponder responder = new BindingResponder();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile DatagramChannel channel;
    private volatile InetSocketAddress localAddress;
    private Thread receiver;

    /** @param bindAddress where to listen when {@code properties} names no address (the media bind address) */
    public UdpStunServer(StunProperties properties, String bindAddress) {
        this.properties = properties;
        this.bindAddress = properties.bindAddress() != null ? properties.bindAddress() : bindAddress;
        // ice4j's first encode loads its configuration: meanwhile the appliance starts, not on the first request
        StunPackets.warmUpInBackground();
    }

    @Override
    public synchronized void start() {
        if (properties.port() == 0) {
            log.info("STUN server is off (tandem.stun.port=0)");
            return;
        }
        if (channel != null) return;
        InetSocketAddress wanted = new InetSocketAddress(bindAddress, properties.port());
        DatagramChannel opened = null;
        try {
            opened = wanted.getAddress() instanceof Inet6Address
                    ? DatagramChannel.open(StandardProtocolFamily.INET6)
                    : DatagramChannel.open();
            opened.bind(wanted);
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            // STUN is a convenience for phones (they may use any public STUN server), so the PBX starts without it
            log.warn(
                    "STUN server is off: cannot listen on UDP {}:{} ({}). Stop what uses that port, or choose "
                            + "another tandem.stun.port (0 turns STUN off).",
                    bindAddress,
                    properties.port(),
                    e.toString());
            return;
        }
        DatagramChannel bound = opened;
        channel = bound;
        localAddress = (InetSocketAddress) socketAddress(bound);
        SourceRateLimiter limiter = new SourceRateLimiter(
                properties.ratePerSource(), properties.burst(), MAX_TRACKED_SOURCES, System::nanoTime);
        // dedicated, not a pool's: it blocks in receive() for the server's whole life (docs/architecture.md, threads)
        receiver = WorkerPools.daemonThreads("tandem-stun").newThread(() -> receiveLoop(bound, limiter));
        receiver.start();
        log.info("STUN server on UDP {}", localAddress);
    }

    private void receiveLoop(DatagramChannel ch, SourceRateLimiter limiter) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        byte[] data = buffer.array();
        while (ch.isOpen()) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) ch.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                log.debug("STUN receive failed: {}", e.toString());
                continue;
            }
            try {
                answer(ch, limiter, data, buffer.position(), source);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram or an unreachable sender must not stop the server
                log.debug("STUN request from {} not answered: {}", source, e.toString());
            }
        }
    }

    private void answer(
            DatagramChannel ch, SourceRateLimiter limiter, byte[] data, int length, InetSocketAddress source)
            throws IOException {
        if (source == null || length == 0) return;
        if (!limiter.tryAcquire(source.getAddress())) {
            rateLimited.incrementAndGet();
            return;
        }
        byte[] response = responder.respond(data, length, source);
        if (response == null) return;
        ch.send(ByteBuffer.wrap(response), source);
        answered.incrementAndGet();
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public long answered() {
        return answered.get();
    }

    @Override
    public long rateLimited() {
        return rateLimited.get();
    }

    @Override
    public synchronized void stop() {
        DatagramChannel ch = channel;
        if (ch == null) return;
        channel = null;
        localAddress = null;
        closeQuietly(ch); // wakes the blocked receive with AsynchronousCloseException
        try {
            receiver.join(2000);
            if (receiver.isAlive()) log.warn("STUN receive thread did not stop in 2 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver = null;
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    @Override
    public void close() {
        stop();
    }

    private static SocketAddress socketAddress(DatagramChannel ch) {
        try {
            return ch.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
