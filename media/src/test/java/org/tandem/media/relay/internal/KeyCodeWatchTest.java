package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 18: the *1 key code in a party's RFC 4733 events, taken out of what the other party gets. */
class KeyCodeWatchTest {

    private final List<String> released = new ArrayList<>();
    private int codes;
    private final KeyCodeWatch watch = new KeyCodeWatch("*1", Set.of(101), () -> codes++);
    private int sequence;
    private long clock = 1_000_000_000L;

    @Test
    void theCodeIsTakenWholeAndReported() {
        assertThat(audio()).as("audio passes").isFalse();
        assertThat(key('*', 1000)).as("a * may begin the code: held").containsOnly(true);
        assertThat(key('1', 2000)).as("the 1 completes it: dropped").containsOnly(true);
        assertThat(codes).isEqualTo(1);
        assertThat(released).isEmpty();
        assertThat(audio()).isFalse();
        assertThat(key('*', 3000)).containsOnly(true);
        assertThat(key('1', 4000)).containsOnly(true);
        assertThat(codes).as("a second *1 (the stop)").isEqualTo(2);
    }

    @Test
    void aStarFollowedByAnotherKeyIsReleasedBeforeIt() {
        key('*', 1000);
        assertThat(key('5', 2000)).as("the 5 is no part of the code: relayed").containsOnly(false);
        assertThat(released)
                .as("the held * went first, all eight packets")
                .hasSize(8)
                .allMatch(r -> r.startsWith("event 10"));
        assertThat(codes).isZero();
    }

    @Test
    void aStarAloneIsReleasedAfterTheTimeout() {
        key('*', 1000);
        clock += 1_000_000_000L;
        assertThat(audio()).isFalse();
        assertThat(released).as("still waiting for a second key").isEmpty();
        clock += 1_500_000_000L;
        audio();
        assertThat(released).hasSize(8);
        assertThat(key('1', 9000)).as("a 1 long after the * is only a 1").containsOnly(false);
        assertThat(codes).isZero();
    }

    @Test
    void otherKeysAndOtherPayloadTypesPass() {
        assertThat(key('1', 1000)).containsOnly(false);
        assertThat(key('#', 2000)).containsOnly(false);
        KeyCodeWatch other = new KeyCodeWatch("*1", Set.of(96), () -> codes++);
        assertThat(other.offer(event(10, 3000, false, 1), clock, b -> released.add("x")))
                .isFalse();
        assertThat(codes).isZero();
        assertThatThrownBy(() -> new KeyCodeWatch("*x", Set.of(101), () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One key as a phone sends it: 5 packets of growing duration, then the end packet three times (RFC 4733 §2.5). */
    private List<Boolean> key(char key, long timestamp) {
        int code = key == '*' ? 10 : key == '#' ? 11 : key - '0';
        List<Boolean> taken = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            clock += 20_000_000L;
            taken.add(watch.offer(event(code, timestamp, i > 5, i), clock, b -> released.add("event " + b.get(12))));
        }
        return taken;
    }

    private boolean audio() {
        clock += 20_000_000L;
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) sequence++).putInt(0).putInt(0x1234);
        b.position(0);
        return watch.offer(b, clock, x -> released.add("audio"));
    }

    private ByteBuffer event(int code, long timestamp, boolean end, int n) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0x80)
                .put((byte) ((n == 1 ? 0x80 : 0) | 101))
                .putShort((short) sequence++)
                .putInt((int) timestamp)
                .putInt(0x1234);
        b.put((byte) code).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) (Math.min(n, 6) * 160));
        return b.position(0);
    }
}
