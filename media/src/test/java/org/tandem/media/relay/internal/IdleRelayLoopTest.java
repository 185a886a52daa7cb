package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
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
            // four turns a second when it polled: none for a second and more
            await().during(1_100, TimeUnit.MILLISECONDS)
                    .atMost(5, TimeUnit.SECONDS)
                    .until(() -> loop.turns == 0);
        } finally {
            loop.stop();
            thread.join(5_000);
            loop.closeAll();
        }
        assertThat(thread.isAlive()).as("stopped at once").isFalse();
    }
}
