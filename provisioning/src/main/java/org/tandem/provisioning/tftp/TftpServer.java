package org.tandem.provisioning.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.apache.commons.net.tftp.TFTPReadRequestPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.serving.FetchRequest;
import org.tandem.provisioning.serving.ProvisioningService;
import org.tandem.provisioning.serving.ServedFile;
import org.tandem.provisioning.tftp.internal.TftpRateLimit;
import org.tandem.provisioning.tftp.internal.TftpTransfer;

/**
 * TFTP (RFC 1350, read requests only) for phones that know no HTTP or are told TFTP by DHCP option 66:
 * the same files and the same rules as {@code /prov/} ({@link ProvisioningService}); a path may start
 * with {@code /} or {@code prov/}. One thread receives requests ({@code tftp-receive-1}); transfers run on a small
 * bounded pool ({@code tftp-transfer}, made by {@link Workers}: full, the client gets an error and retries, and the
 * refusal is counted and shown in the {@code workers} health). Banned sources get no answer, as in SIP. Every source is
 * rate-limited ({@link TftpRateLimit}): TFTP is UDP, a request's address may be forged, and the answer is much
 * bigger than the request.
 */
@Component
public class TftpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TftpServer.class);
    private static final int TRANSFER_THREADS = 4;
    private static final int TRANSFER_QUEUE = 64;

    private final Workers workers;
    private final ProvisioningProperties props;
    private final ProvisioningService service;
    private final SipProperties sip;
    private final SipTransports transports;
    private final BanRegistry bans;
    private final TftpRateLimit rateLimit = TftpRateLimit.defaults();
    private volatile int httpPort = 8080;
    private volatile boolean running;
    private DatagramSocket socket;
    private ThreadPoolExecutor transfers;

    public TftpServer(
            ProvisioningProperties props,
            ProvisioningService service,
            SipProperties sip,
            SipTransports transports,
            BanRegistry bans,
            Workers workers) {
        this.workers = workers;
        this.props = props;
        this.service = service;
        this.sip = sip;
        this.transports = transports;
        this.bans = bans;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        httpPort = event.getWebServer().getPort();
    }

    @Override
    public synchronized void start() {
        if (props.tftpPort() == 0 || running) return;
        try {
            socket = new DatagramSocket(new InetSocketAddress(bindAddress(), props.tftpPort()));
        } catch (IOException e) {
            // TFTP is the fallback transport: the PBX and HTTP provisioning go on without it
            log.warn(
                    "TFTP provisioning is off: cannot listen on {}:{} ({}). Choose another "
                            + "tandem.provisioning.tftp-port, or 0 to turn TFTP off; HTTP /prov/ works meanwhile.",
                    bindAddress(),
                    props.tftpPort(),
                    e.getMessage());
            return;
        }
        transfers = workers.pool("tftp-transfer", TRANSFER_THREADS, TRANSFER_QUEUE); // a refusal is counted, as any
        transfers.setKeepAliveTime(30, TimeUnit.SECONDS); // no phone booting: no transfer threads
        transfers.allowCoreThreadTimeOut(true);
        running = true;
        // dedicated, not a pool's: it blocks in receive() while the server runs (docs/architecture.md, threads)
        WorkerPools.daemonThreads("tftp-receive").newThread(this::receiveLoop).start();
        log.info("TFTP provisioning on {}:{}", bindAddress(), socket.getLocalPort());
    }

    /** The port actually bound (tests may ask for a free one). */
    public int port() {
        return socket == null ? 0 : socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[TFTPPacket.SEGMENT_SIZE + 4];
        while (running) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                log.debug("TFTP receive failed: {}", e.toString());
                continue;
            }
            String source = in.getAddress().getHostAddress();
            if (bans.isBanned(source)) continue;
            if (!rateLimit.admitRequest(in.getAddress())) {
                log.debug("TFTP request from {} dropped: over its rate limit", source);
                continue;
            }
            TFTPPacket packet;
            try {
                packet = TFTPPacket.newTFTPPacket(in);
            } catch (TFTPPacketException e) {
                continue;
            }
            if (!(packet instanceof TFTPReadRequestPacket read)) {
                reply(new TFTPErrorPacket(
                        in.getAddress(), in.getPort(), TFTPErrorPacket.ILLEGAL_OPERATION, "read requests only"));
                continue;
            }
            try {
                transfers.execute(() -> serve(read));
            } catch (RejectedExecutionException busy) {
                reply(new TFTPErrorPacket(read.getAddress(), read.getPort(), TFTPErrorPacket.UNDEFINED, "busy, retry"));
            }
        }
    }

    private void serve(TFTPReadRequestPacket read) {
        String path = read.getFilename();
        while (path.startsWith("/")) path = path.substring(1);
        if (path.startsWith("prov/")) path = path.substring(5);
        String source = read.getAddress().getHostAddress();
        ServedFile served = service.serve(new FetchRequest(path, source, "tftp", null, null, httpBase()));
        if (served.status() != 200) {
            reply(new TFTPErrorPacket(read.getAddress(), read.getPort(), TFTPErrorPacket.FILE_NOT_FOUND, "not found"));
            return;
        }
        try {
            if (!TftpTransfer.send(bindAddress(), read.getAddress(), read.getPort(), served.body(), rateLimit)) {
                log.debug("TFTP transfer of {} to {} not acknowledged", path, source);
            }
        } catch (IOException e) {
            log.debug("TFTP transfer of {} to {} failed: {}", path, source, e.toString());
        }
    }

    /** What TFTP-fetched files point phones at: HTTP, which can carry per-device credentials. */
    private String httpBase() {
        String host = transports.advertisedHost();
        return "http://" + host + ":" + httpPort + "/prov/";
    }

    private void reply(TFTPErrorPacket error) {
        try {
            socket.send(error.newDatagram());
        } catch (IOException e) {
            log.debug("TFTP error reply failed: {}", e.toString());
        }
    }

    private InetAddress bindAddress() {
        try {
            String configured = props.tftpBindAddress();
            if (configured == null) {
                configured = sip.bindAddress() == null || sip.bindAddress().isBlank() ? "0.0.0.0" : sip.bindAddress();
            }
            return InetAddress.getByName(configured);
        } catch (IOException e) {
            throw new IllegalStateException("tandem.provisioning.tftp-bind-address: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        socket.close(); // ends the receive loop
        transfers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
