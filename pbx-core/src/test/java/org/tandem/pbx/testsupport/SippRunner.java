package org.tandem.pbx.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's SIPp ({@code sip-tester}, /usr/bin/sipp) against a server on 127.0.0.1 and reports its
 * exit code (0 = every call passed, as SIPp defines it). Scenarios are classpath resources, copied to a
 * file because SIPp reads files; SIPp's own local port is picked free each run.
 */
public final class SippRunner {

    public static final Path SIPP = Path.of("/usr/bin/sipp");

    public record Result(int exitCode, String output) {}

    private SippRunner() {}

    public static boolean available() {
        return Files.isExecutable(SIPP);
    }

    /**
     * @param scenario  classpath resource of the scenario XML (e.g. {@code /sipp/registrar/register.xml})
     * @param transport "u1" (UDP) or "t1" (TCP)
     * @param args      further SIPp arguments (e.g. {@code -au 101 -ap secret -s 101 -key domain x});
     *                  without {@code -m} one call is made
     */
    public static Result run(String scenario, int serverPort, String transport, List<String> args, Path workDir) {
        try {
            Path xml = workDir.resolve(Path.of(scenario).getFileName().toString());
            try (InputStream in = SippRunner.class.getResourceAsStream(scenario)) {
                if (in == null) throw new IllegalArgumentException("No scenario " + scenario + " on the classpath");
                Files.copy(in, xml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of(
                    SIPP.toString(),
                    "127.0.0.1:" + serverPort,
                    "-sf",
                    xml.toString(),
                    "-i",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(FreePorts.udpAndTcp()),
                    "-t",
                    transport,
                    "-timeout",
                    "20s",
                    "-timeout_error",
                    "-nostdin",
                    "-trace_err",
                    "-error_file",
                    workDir.resolve("sipp-errors.log").toString()));
            // a free media port: SIPp binds 6000 by default even when it plays nothing (parallel IT JVMs)
            if (!args.contains("-mp")) cmd.addAll(List.of("-mp", Integer.toString(FreePorts.mediaBlock())));
            cmd.addAll(args);
            if (!args.contains("-m")) cmd.addAll(List.of("-m", "1", "-l", "1")); // one call unless told
            Path out = workDir.resolve("sipp-output.log");
            Process p = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("SIPp did not finish within 60 s: " + cmd);
            }
            String errors = Files.exists(workDir.resolve("sipp-errors.log"))
                    ? Files.readString(workDir.resolve("sipp-errors.log"), StandardCharsets.UTF_8)
                    : "";
            return new Result(p.exitValue(), tail(Files.readString(out, StandardCharsets.ISO_8859_1)) + "\n" + errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
