package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.PortAllocator;

/** A relay loop with no call sleeps until something is asked of it (issue 23: an idle appliance's background). */
class IdleRelayLoopTest {

    @Test
    void aLoopWithoutCallsDoesNotWakeUntilStopped() throws Exception {
        RelayLoop loop =
                new RelayLoop(new PortAllocator(InetAddress.getByName("127.0.0.1"), 41000, 41039), 30_000_000_000L);
        Thread thread = new Thread(loop, "test-relay");
        thread.start();
        try {
            Thread.sleep(1_100); // four turns a second when it polled
            assertThat(loop.turns).isZero();
        } finally {
            loop.stop();
            thread.join(5_000);
            loop.closeAll();
        }
        assertThat(thread.isAlive()).as("stopped at once").isFalse();
    }
}
