package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.concurrent.ReceiveBacklog;
import org.tandem.pbx.sip.DatagramShortcut;

/**
 * jain-sip's UDP processor with one receive buffer (issue 23). jain-sip's own loop allocates a fresh buffer of the
 * largest message size (64 KB) for every datagram it receives: at 150 calls/s (about 1,800 datagrams/s) that was
 * 3.6 GB of garbage in a 10 s profile, most of what the appliance allocated, and what made its collections long.
 * Here the one receive thread reads every datagram into the same buffer.
 *
 * <p>The same thread parses what it received and hands the message to the dispatcher, which puts it on its call's
 * stripe (or runs it here when the stripe is idle and no datagram waits: {@code ReceiveBacklog}, timed around each
 * receive): one thread per socket, so two datagrams of one Call-ID sent back to back reach the stripe in arrival order
 * ({@code MessageOrderIT}); the stack's {@code THREAD_POOL_SIZE} is therefore not read. (It used to hand every
 * datagram to a second, parsing thread through a queue: a thread wake-up per datagram, measured as a tenth of the
 * server's CPU per REGISTER in context switches, issue 23.) A burst the thread cannot keep up with waits in the
 * socket's receive buffer, and what overflows it is dropped by the kernel, as for any UDP server; the sender
 * retransmits (RFC 3261 §17.1.1.2, §17.2.1).
 */
final class UdpReceiver extends UDPMessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(UdpReceiver.class);
    private static final MethodHandle PROCESS_DATAGRAM = processDatagram();
    /** 4 MB: a few thousand datagrams, a second of a busy appliance's load. */
    static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private volatile DatagramShortcut shortcut;
    /** Sends from the listening socket, as jain-sip's own UDP channels do (RFC 3581 symmetric responses). */
    private final DatagramShortcut.Sender sender =
            (bytes, length, to, port) -> sock.send(new DatagramPacket(bytes, length, to, port));

    UdpReceiver(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        markUdpInUse(stack);
        widenReceiveBuffer();
    }

    /**
     * Asks for a receive buffer of {@link #RECEIVE_BUFFER} bytes. The kernel's default (208 KB, about 90 datagrams)
     * overflowed when the receive thread stalled for a moment (a collection, a burst of compilations) at 750 calls/s
     * on loopback: datagrams dropped, SIPp's calls failing on their retransmissions (issue 23; with 4 MB, none at
     * 1,000/s). The kernel caps the size at {@code net.core.rmem_max}; the .deb raises that (sysctl.d/60-tandem.conf),
     * and a smaller grant is logged.
     */
    private void widenReceiveBuffer() {
        try {
            sock.setReceiveBufferSize(RECEIVE_BUFFER);
            int granted = sock.getReceiveBufferSize();
            if (granted < RECEIVE_BUFFER) {
                log.warn(
                        "UDP receive buffer on port {} is {} bytes, not the {} asked for: raise net.core.rmem_max"
                                + " (the .deb's /usr/lib/sysctl.d/60-tandem.conf does) or bursts may be dropped",
                        getPort(),
                        granted,
                        RECEIVE_BUFFER);
            }
        } catch (SocketException e) {
            log.warn("UDP receive buffer on port {} left at the kernel's default: {}", getPort(), e.toString());
        }
    }

    private static MethodHandle processDatagram() {
        try {
            Method m = UDPMessageChannel.class.getDeclaredMethod("processIncomingDataPacket", DatagramPacket.class);
            m.setAccessible(true);
            return MethodHandles.lookup()
                    .unreflect(m)
                    .asType(MethodType.methodType(void.class, UDPMessageChannel.class, DatagramPacket.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "This jain-sip has no UDPMessageChannel.processIncomingDataPacket: check UdpReceiver", e);
        }
    }

    /**
     * What jain-sip's own factories do after making a UDP processor: without the stack's {@code udpFlag} its UDP
     * channels send every datagram from a new socket of a random port instead of the listening one (RFC 3581
     * symmetric responses break, phones behind NAT never hear us). The field is package-private in jain-sip.
     */
    private static void markUdpInUse(SIPTransactionStack stack) {
        try {
            Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udpFlag.setAccessible(true);
            udpFlag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("This jain-sip has no SIPTransactionStack.udpFlag: check UdpReceiver", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        // a channel without a thread of its own (jain-sip's constructor for one peer); every datagram goes through its
        // parser in turn, as jain-sip's queue thread did with one channel; stop() closes it with the others
        UDPMessageChannel channel = new UDPMessageChannel(getIpAddress(), getPort(), sipStack, this) {};
        messageChannels = new LinkedList<>();
        messageChannels.add(channel);
        byte[] buffer = new byte[getMaximumMessageSize()];
        long reported = 0;
        while (isRunning) {
            try {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                long receiving = System.nanoTime();
                sock.receive(received);
                ReceiveBacklog.received(System.nanoTime() - receiving);
                if (shortcut(buffer, received)) continue;
                deliver(channel, received); // the channel copies the datagram's bytes before it parses them
                reported = 0;
            } catch (SocketTimeoutException idle) {
                // no datagram within the socket's timeout: receive again
            } catch (SocketException e) {
                if (!isRunning) return; // stop() closed the socket
                reported = report(e, reported);
            } catch (IOException | RuntimeException e) {
                reported = report(e, reported);
            }
        }
    }

    /**
     * Serves the datagram by the {@link DatagramShortcut} when it takes it; false leaves it to the stack. A shortcut
     * that fails leaves it to the stack too: the stack's path answers what the shortcut could not.
     */
    private boolean shortcut(byte[] buffer, DatagramPacket datagram) {
        DatagramShortcut s = shortcut;
        if (s == null) return false;
        try {
            return s.serve(buffer, datagram.getLength(), datagram.getAddress(), datagram.getPort(), sender);
        } catch (RuntimeException e) {
            log.warn(
                    "Datagram shortcut failed on a datagram from {}; left to the stack",
                    datagram.getSocketAddress(),
                    e);
            return false;
        }
    }

    /** The shortcut to try first on every datagram (null: none); set once the stack's processors exist. */
    void shortcut(DatagramShortcut shortcut) {
        this.shortcut = shortcut;
    }

    /** jain-sip's per-datagram step of its queue thread: parse, answer 400 to a bad request, hand on (private). */
    private static void deliver(UDPMessageChannel channel, DatagramPacket datagram) {
        try {
            PROCESS_DATAGRAM.invokeExact(channel, datagram);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // as jain-sip's own loop: one bad datagram must not end the receive thread
            log.debug("Datagram from {} not processed: {}", datagram.getSocketAddress(), e.toString());
        }
    }

    /** A failed receive, logged at most 10 times in a row (a flood of ICMP errors must not flood the log). */
    private long report(Exception e, long reportedInARow) {
        if (reportedInARow < 10) {
            log.warn("UDP receive on {}:{} failed: {}", getIpAddress().getHostAddress(), getPort(), e.toString());
        }
        return reportedInARow + 1;
    }
}
