package org.tandem.media.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import org.tandem.media.MediaCapacityException;
import org.tandem.media.MediaProperties;

/**
 * Hands out RTP/RTCP socket pairs from {@code tandem.media.rtp-port-min/max}: RTP on an even port, RTCP
 * on the next odd one (RFC 3550 §11). Ports taken by other programs are skipped; the search continues
 * after the last port given out so a just-freed port is not reused at once (late packets of the old call).
 */
public final class PortAllocator {

    /** A bound pair; {@link #release} it after both sockets are closed. */
    public record PortPair(int rtpPort, DatagramSocket rtp, DatagramSocket rtcp) {}

    /** A bound pair of non-blocking channels (the media relay's); {@link #release} it after both are closed. */
    public record ChannelPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {}

    private final InetAddress bindAddress;
    private final int min;
    private final int max;
    private final Set<Integer> inUse = new HashSet<>();
    private int next;

    public PortAllocator(InetAddress bindAddress, int min, int max) {
        this.bindAddress = bindAddress;
        this.min = min + (min & 1);
        this.max = max;
        this.next = this.min;
    }

    /** The range of {@code tandem.media.rtp-port-min/max} on {@code tandem.media.bind-address}. */
    public static PortAllocator of(MediaProperties properties) {
        try {
            return new PortAllocator(
                    InetAddress.getByName(properties.bindAddress()), properties.rtpPortMin(), properties.rtpPortMax());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("tandem.media.bind-address: " + e.getMessage(), e);
        }
    }

    public synchronized PortPair allocate() {
        int pairs = (max - min + 1) / 2;
        for (int i = 0; i < pairs; i++) {
            int port = next;
            next = next + 2 > max - 1 ? min : next + 2;
            if (inUse.contains(port)) continue;
            DatagramSocket rtp = bind(port);
            if (rtp == null) continue;
            DatagramSocket rtcp = bind(port + 1);
            if (rtcp == null) {
                rtp.close();
                continue;
            }
            inUse.add(port);
            return new PortPair(port, rtp, rtcp);
        }
        throw new MediaCapacityException("no free RTP port pair in " + min + "-" + max + " (" + inUse.size()
                + " in use by calls); widen tandem.media.rtp-port-min/max");
    }

    /** Like {@link #allocate}, as non-blocking NIO channels. */
    public synchronized ChannelPair allocateChannels() {
        int pairs = (max - min + 1) / 2;
        for (int i = 0; i < pairs; i++) {
            int port = next;
            next = next + 2 > max - 1 ? min : next + 2;
            if (inUse.contains(port)) continue;
            DatagramChannel rtp = bindChannel(port);
            if (rtp == null) continue;
            DatagramChannel rtcp = bindChannel(port + 1);
            if (rtcp == null) {
                closeQuietly(rtp);
                continue;
            }
            inUse.add(port);
            return new ChannelPair(port, rtp, rtcp);
        }
        throw new MediaCapacityException("no free RTP port pair in " + min + "-" + max + " (" + inUse.size()
                + " in use by calls); widen tandem.media.rtp-port-min/max");
    }

    public synchronized void release(int rtpPort) {
        inUse.remove(rtpPort);
    }

    public synchronized int inUse() {
        return inUse.size();
    }

    private DatagramChannel bindChannel(int port) {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(
                    bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            if (channel != null) closeQuietly(channel);
            return null;
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }

    private DatagramSocket bind(int port) {
        try {
            DatagramSocket s = new SourceWatchingSocket();
            try {
                s.bind(new InetSocketAddress(bindAddress, port));
                return s;
            } catch (IOException e) {
                s.close();
                return null;
            }
        } catch (SocketException e) {
            return null;
        }
    }
}
