package org.tandem.media.relay.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.relay.Side;

/**
 * The media relay: {@code tandem.media.relay-threads} IO loops (one thread and one selector each, threads named
 * {@code tandem-relay-N}, dedicated: each blocks in its selector); each call is placed on one loop, round robin, so no
 * lock is shared between calls. Recordings are written on {@code tandem-relay-recorder}, DTLS handshakes run on
 * {@code tandem-relay-dtls}: bounded pools made by the {@link WorkerPools} given.
 */
public final class UdpRelay implements MediaRelay {

    private static final Logger log = LoggerFactory.getLogger(UdpRelay.class);
    /** Recorded calls waiting for the recorder thread at once (each has at most one drain task queued). */
    static final int RECORDER_QUEUE = 1024;

    private final PortAllocator allocator;
    private final boolean latchAny;
    private final List<RelayLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService recorder;
    private volatile boolean closed;
    private final DtlsFaces dtls;

    public UdpRelay(RelayProperties properties, PortAllocator allocator) {
        this(properties, allocator, WorkerPools.plain());
    }

    /** @param pools where the recorder and the DTLS handshake pool are made (the application's: measured, watched) */
    public UdpRelay(RelayProperties properties, PortAllocator allocator, WorkerPools pools) {
        this.allocator = allocator;
        this.dtls = new DtlsFaces(pools);
        this.latchAny = properties.latchAnyAddress();
        try {
            for (int i = 0; i < properties.relayThreads(); i++) {
                RelayLoop loop =
                        new RelayLoop(allocator, properties.deadStreamTimeout().toNanos());
                Thread t = new Thread(loop, "tandem-relay-" + (i + 1)); // owned, named, stopped in close()
                t.setDaemon(true);
                loops.add(loop);
                threads.add(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the media relay's selectors", e);
        }
        threads.forEach(Thread::start);
        // call recordings are decoded and written here, never on an IO loop; one drain task per recorded call at most,
        // so a full queue means more calls recorded at once than it holds (refused: the tap drains at its next packet)
        this.recorder = pools.pool("tandem-relay-recorder", 1, RECORDER_QUEUE);
    }

    @Override
    public RelayCall open(String callId, RelayEvents events, Executor callbackExecutor) {
        if (closed) throw new MediaCapacityException("the media relay is shut down");
        PortAllocator.ChannelPair caller = allocator.allocateChannels();
        PortAllocator.ChannelPair callee;
        try {
            callee = allocator.allocateChannels();
        } catch (MediaCapacityException e) {
            close(caller);
            throw e;
        }
        RelayLoop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
        RelayedCall call = new RelayedCall(
                callId,
                new Face(Side.CALLER, caller, latchAny),
                new Face(Side.CALLEE, callee, latchAny),
                loop,
                events,
                callbackExecutor,
                recorder,
                dtls);
        loop.add(call);
        return call;
    }

    @Override
    public String dtlsFingerprint() {
        return dtls.certificate().fingerprint();
    }

    @Override
    public int openCalls() {
        return loops.stream().mapToInt(RelayLoop::calls).sum();
    }

    @Override
    public long packetsRelayed() {
        return loops.stream().mapToLong(l -> l.relayed.sum()).sum();
    }

    @Override
    public long packetsDropped() {
        return loops.stream().mapToLong(l -> l.dropped.sum()).sum();
    }

    @Override
    public long srtpAuthFailures() {
        return loops.stream().mapToLong(l -> l.srtpAuthFailures.sum()).sum();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        loops.forEach(RelayLoop::stop);
        dtls.close();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.forEach(RelayLoop::closeAll); // closing the calls finishes their recordings' files
        recorder.shutdown();
        try {
            if (!recorder.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Recordings still being written at shutdown are left as .part files");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.debug("Media relay stopped");
    }

    private void close(PortAllocator.ChannelPair pair) {
        try {
            pair.rtp().close();
            pair.rtcp().close();
        } catch (IOException e) {
            // never used
        }
        allocator.release(pair.rtpPort());
    }
}
