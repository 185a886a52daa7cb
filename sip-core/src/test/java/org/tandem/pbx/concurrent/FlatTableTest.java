package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FlatTableTest {

    @Test
    void aNumberIsStoredOnlyWhenNewOrHigher() {
        FlatTable t = new FlatTable(100);
        assertThat(t.raise(1, 2, 5)).isTrue();
        assertThat(t.raise(1, 2, 5)).as("the same").isFalse();
        assertThat(t.raise(1, 2, 4)).as("lower").isFalse();
        assertThat(t.raise(1, 2, 6)).isTrue();
        assertThat(t.raise(2, 1, 1)).as("the halves swapped: another key").isTrue();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void objectsArePutOnceOrReplaced() {
        FlatTable t = new FlatTable(100);
        assertThat(t.get(7, 7)).isNull();
        assertThat(t.putIfAbsent(7, 7, "a")).isNull();
        assertThat(t.putIfAbsent(7, 7, "b")).isEqualTo("a");
        assertThat(t.get(7, 7)).isEqualTo("a");
        assertThat(t.put(7, 7, "c")).isEqualTo("a");
        assertThat(t.get(7, 7)).isEqualTo("c");
        assertThat(t.get(7, 8)).isNull();
    }

    /** Growing moves every key with its number and object: nothing lost, nothing mixed up. */
    @Test
    void everyEntrySurvivesTheTableGrowing() {
        FlatTable t = new FlatTable(1_000_000);
        for (long i = 0; i < 50_000; i++) {
            assertThat(t.raise(i, ~i, i + 1)).isTrue();
            assertThat(t.putIfAbsent(i, ~i, "v" + i)).isNull();
        }
        assertThat(t.size()).isEqualTo(50_000);
        for (long i = 0; i < 50_000; i++) {
            assertThat(t.get(i, ~i)).isEqualTo("v" + i);
            assertThat(t.raise(i, ~i, i + 1)).as("count of %d kept", i).isFalse();
            assertThat(t.get(~i, i)).isNull();
        }
    }

    /** A flood empties the table rather than growing it without end. */
    @Test
    void aNewKeyBeyondTheBoundEmptiesTheTable() {
        FlatTable t = new FlatTable(10);
        for (long i = 1; i <= 10; i++) t.put(i, 1, "x");
        assertThat(t.putIfAbsent(1, 1, "y")).as("a known key adds nothing").isEqualTo("x");
        assertThat(t.size()).isEqualTo(10);
        t.put(11, 1, "z");
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get(1, 1)).isNull();
        assertThat(t.get(11, 1)).isEqualTo("z");
    }

    @Test
    void theFreeSlotMarkerIsNoKeyAndNullNoValue() {
        FlatTable t = new FlatTable(10);
        assertThatThrownBy(() -> t.raise(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.put(0, 0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.put(1, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.raise(0, 1, 1)).isTrue();
        assertThat(t.raise(1, 0, 1)).isTrue();
    }

    /** SIP threads of several stripes use one table: no key is lost or counted twice while it grows. */
    @Test
    void threadsRaisingAtOnceEachGetTheirOwnAnswer() throws Exception {
        FlatTable t = new FlatTable(1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> accepted = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                accepted.add(pool.submit(() -> {
                    int n = 0;
                    // every thread offers every key once: exactly one of them may store it
                    for (long k = 1; k <= 20_000; k++) if (t.raise(k, 3, 1)) n++;
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : accepted) total += f.get();
            assertThat(total).isEqualTo(20_000);
            assertThat(t.size()).isEqualTo(20_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
