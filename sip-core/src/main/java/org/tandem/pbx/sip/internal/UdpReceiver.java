package org.tandem.pbx.sip.internal;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jain-sip's UDP processor with one receive buffer (issue 23). jain-sip's own loop allocates a fresh buffer of the
 * largest message size (64 KB) for every datagram it receives: at 150 calls/s (about 1,800 datagrams/s) that was
 * 3.6 GB of garbage in a 10 s profile, most of what the appliance allocated, and what made its collections long.
 * Here the one receive thread reads every datagram into the same buffer and hands the parsing thread an exact copy
 * (a few hundred bytes).
 *
 * <p>Order is kept as before: one thread receives, one thread ({@link UDPMessageChannel}) parses and delivers, in
 * arrival order, so two datagrams of one Call-ID sent back to back reach the call's stripe in order
 * ({@code MessageOrderIT}); the stack's {@code THREAD_POOL_SIZE} is therefore not read.
 */
final class UdpReceiver extends UDPMessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(UdpReceiver.class);

    UdpReceiver(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        markUdpInUse(stack);
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
        messageChannels = new LinkedList<>();
        // the parsing thread: takes from messageQueue; an anonymous subclass reaches jain-sip's protected constructor
        messageChannels.add(new UDPMessageChannel(sipStack, this, threadName("-UDPMessageChannelThread-0")) { });
        byte[] buffer = new byte[getMaximumMessageSize()];
        long reported = 0;
        while (isRunning) {
            try {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                sock.receive(received);
                byte[] datagram = Arrays.copyOf(buffer, received.getLength());
                DatagramPacket copy = new DatagramPacket(datagram, datagram.length, received.getSocketAddress());
                messageQueue.offer(new DatagramQueuedMessageDispatch(copy, System.currentTimeMillis()));
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

    /** A failed receive, logged at most 10 times in a row (a flood of ICMP errors must not flood the log). */
    private long report(Exception e, long reportedInARow) {
        if (reportedInARow < 10) {
            log.warn("UDP receive on {}:{} failed: {}", getIpAddress().getHostAddress(), getPort(), e.toString());
        }
        return reportedInARow + 1;
    }

    private String threadName(String suffix) {
        return (sipStack instanceof gov.nist.javax.sip.SipStackImpl s ? s.getStackName() : "sip") + suffix;
    }
}
