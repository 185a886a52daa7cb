package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.MediaCapacityException;

class PortAllocatorTest {

    private static int freeBase() throws Exception {
        // a random even base in a range Linux does not use for ephemeral ports
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + 2 * (int) (Math.random() * 5000);
            boolean free = true;
            for (int p = base; p < base + 8 && free; p++) {
                try (DatagramSocket s =
                        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                    // free
                } catch (Exception e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IllegalStateException("no free port block");
    }

    @Test
    void evenRtpOddRtcpSkipsBusyPortsAndRefusesWhenFull() throws Exception {
        int base = freeBase();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket squatter =
                new DatagramSocket(new InetSocketAddress(lo, base + 3))) { // someone on RTCP of pair 2
            PortAllocator allocator = new PortAllocator(lo, base - 1, base + 7); // odd min rounds up
            List<PortAllocator.PortPair> pairs = new ArrayList<>();
            pairs.add(allocator.allocate());
            pairs.add(allocator.allocate());
            pairs.add(allocator.allocate());
            assertThat(pairs).extracting(PortAllocator.PortPair::rtpPort).containsExactly(base, base + 4, base + 6);
            for (PortAllocator.PortPair p : pairs) {
                assertThat(p.rtp().getLocalPort() % 2).isZero();
                assertThat(p.rtcp().getLocalPort()).isEqualTo(p.rtpPort() + 1);
            }
            assertThat(allocator.inUse()).isEqualTo(3);
            assertThatThrownBy(allocator::allocate)
                    .isInstanceOf(MediaCapacityException.class)
                    .hasMessageContaining("rtp-port-min/max");
            pairs.get(1).rtp().close();
            pairs.get(1).rtcp().close();
            allocator.release(base + 4);
            assertThat(allocator.allocate().rtpPort()).isEqualTo(base + 4);
            for (PortAllocator.PortPair p : pairs) {
                p.rtp().close();
                p.rtcp().close();
            }
        }
    }
}
