package org.tandem.pbx.cdr;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tandem.pbx.testsupport.FreePorts;

/**
 * One SIPp process (Debian sip-tester) on a scenario of {@code src/test/resources/sipp/proxy/} with its
 * {@code @KEY@} placeholders filled in: a phone for the call-record tests. Verdict: its exit code.
 */
final class SippProcess {

    static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path dir;

    private SippProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * @param port   the local port (the one a phone registered from, for a UAS)
     * @param remote {@code host:port} for a UAC, null for a UAS (then waits until it listens)
     */
    static SippProcess start(String scenario, int port, Map<String, String> keys, List<String> args, String remote) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "sipp-cdr", scenario + "-" + port))
                    .toAbsolutePath();
            String xml;
            try (InputStream in = SippProcess.class.getResourceAsStream("/sipp/proxy/" + scenario + ".xml")) {
                if (in == null) throw new IllegalArgumentException("No scenario " + scenario);
                xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            for (var e : keys.entrySet()) xml = xml.replace("@" + e.getKey() + "@", e.getValue());
            Path file = Files.writeString(dir.resolve(scenario + ".xml"), xml, StandardCharsets.ISO_8859_1);
            List<String> cmd = new ArrayList<>(List.of(
                    "sipp",
                    "-sf",
                    file.toString(),
                    "-i",
                    HOST,
                    "-p",
                    Integer.toString(port),
                    "-t",
                    "u1",
                    "-m",
                    "1",
                    "-nostdin",
                    "-trace_err",
                    "-trace_msg",
                    "-timeout",
                    "40s",
                    "-timeout_error",
                    "-recv_timeout",
                    "15000",
                    "-max_retrans",
                    "5",
                    "-aa"));
            // a free media port: SIPp binds 6000 by default even when it plays nothing (parallel IT JVMs)
            if (!args.contains("-mp")) cmd.addAll(List.of("-mp", Integer.toString(FreePorts.mediaBlock())));
            cmd.addAll(args);
            if (remote != null) cmd.add(remote);
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile())
                    .start();
            if (remote == null) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive() || bound(port));
            }
            return new SippProcess(p, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        return FreePorts.udpAndTcp();
    }

    private static boolean bound(int port) {
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getByName(HOST))) {
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    /** Waits (at most 45 s, then kills it) and returns SIPp's exit code: 0 = the scenario passed. */
    int exitCode() {
        try {
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return -999;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -998;
        }
    }

    /** Where its output and traces are, for assertion messages. */
    String logs() {
        return "SIPp logs in " + dir;
    }
}
