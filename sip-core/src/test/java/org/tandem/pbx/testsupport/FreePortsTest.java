package org.tandem.pbx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Test JVMs that run side by side draw their ports from slices no other JVM draws from (session 44's clash). */
class FreePortsTest {

    /** What a second test JVM prints: the slice it claimed, then one port of each kind it was given. */
    public static void main(String[] args) {
        FreePorts.Slice slice = FreePorts.slice();
        System.out.println(
                slice.lowest() + " " + slice.highest() + " " + FreePorts.udpAndTcp() + " " + FreePorts.mediaBlock());
    }

    @Test
    void anotherJvmRunningBesideThisOneDrawsFromAnotherSlice() throws Exception {
        FreePorts.Slice mine = FreePorts.slice();
        assertThat(mine.lock()).as("this JVM claimed a slice of its own").isNotNull();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), FreePortsTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String line;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(line).as("the other JVM's output").matches("\\d+ \\d+ \\d+ \\d+");
        String[] f = line.split(" ");
        int lowest = Integer.parseInt(f[0]);
        int highest = Integer.parseInt(f[1]);
        assertThat(highest < mine.lowest() || lowest > mine.highest())
                .as("its slice %d-%d apart from this JVM's %d-%d", lowest, highest, mine.lowest(), mine.highest())
                .isTrue();
        assertThat(Integer.parseInt(f[2])).isBetween(lowest, highest);
        assertThat(Integer.parseInt(f[3])).isBetween(lowest, highest - 3);
    }

    @Test
    void portsComeFromThisJvmsSliceAndAreNotGivenTwice() {
        FreePorts.Slice mine = FreePorts.slice();
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.udpAndTcp();
            assertThat(port).isBetween(mine.lowest(), mine.highest());
            assertThat(given.add(port)).as("port %d given twice", port).isTrue();
            int block = FreePorts.mediaBlock();
            assertThat(block).isBetween(mine.lowest(), mine.highest() - 3);
            for (int p = block; p < block + 4; p++)
                assertThat(given.add(p)).as("port %d given twice", p).isTrue();
        }
    }
}
