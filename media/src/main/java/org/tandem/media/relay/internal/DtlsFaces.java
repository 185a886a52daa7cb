package org.tandem.media.relay.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.dtls.DtlsCertificate;

/**
 * What the relay's WebRTC faces share: the one DTLS certificate (made on first use) and the bounded pool their
 * handshakes run on (bctls' DTLS blocks a thread per handshake; a thread ends when its face is closed or quiet).
 */
final class DtlsFaces {

    /** Handshakes at once; more wait in the queue (a browser retransmits its hello meanwhile, RFC 6347 §4.2.4). */
    static final int THREADS = 32;

    /** Handshakes waiting for a thread; more are refused (the face fails its handshake, counted as a rejection). */
    static final int QUEUE = 256;

    private volatile DtlsCertificate certificate;
    private final ThreadPoolExecutor pool;

    DtlsFaces(WorkerPools pools) {
        pool = pools.pool("tandem-relay-dtls", THREADS, QUEUE);
        pool.setKeepAliveTime(30, TimeUnit.SECONDS); // an idle relay keeps no handshake threads
        pool.allowCoreThreadTimeOut(true);
    }

    DtlsCertificate certificate() {
        DtlsCertificate c = certificate;
        if (c == null) {
            synchronized (this) {
                if (certificate == null) certificate = DtlsCertificate.generate();
                c = certificate;
            }
        }
        return c;
    }

    Executor handshakes() {
        return pool;
    }

    void close() {
        pool.shutdownNow();
    }
}
