package org.tandem.media.relay.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tandem.media.dtls.DtlsCertificate;

/**
 * What the relay's WebRTC faces share: the one DTLS certificate (made on first use) and the bounded pool their
 * handshakes run on (bctls' DTLS blocks a thread per handshake; a thread ends when its face is closed or quiet).
 */
final class DtlsFaces {

    /** Handshakes at once; more wait in the queue (a browser retransmits its hello meanwhile, RFC 6347 §4.2.4). */
    static final int THREADS = 32;

    private volatile DtlsCertificate certificate;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "tandem-relay-dtls");
                t.setDaemon(true);
                return t;
            });

    DtlsFaces() {
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
