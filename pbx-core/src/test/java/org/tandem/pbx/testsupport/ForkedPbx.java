package org.tandem.pbx.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link PbxTestMain} in a child JVM with the test class path; {@link #kill()} is a SIGKILL. */
public final class ForkedPbx implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("SIP-PORT (\\d+)");

    private final Process process;
    private final int sipPort;
    private final Path log;

    private ForkedPbx(Process process, int sipPort, Path log) {
        this.process = process;
        this.sipPort = sipPort;
        this.log = log;
    }

    /** @param users {@code extension:secret} */
    public static ForkedPbx start(Path dataDir, String... users) {
        return start(PbxTestMain.class, dataDir, users);
    }

    /**
     * @param main a test main that takes the data directory first, then {@code args}, and prints
     *             {@code SIP-PORT n} once up (as {@link PbxTestMain} does)
     */
    public static ForkedPbx start(Class<?> main, Path dataDir, String... args) {
        try {
            Path log = Files.createTempFile(dataDir.getParent(), "forked-pbx", ".log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path")));
            String mariaDb = PbxTestContext.mariaDbUrl();
            if (!mariaDb.isBlank()) cmd.add("-D" + PbxTestContext.MARIADB_PROPERTY + "=" + mariaDb);
            cmd.add(main.getName());
            cmd.add(dataDir.toString());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int[] port = {0};
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    if (!p.isAlive()) throw new AssertionError("Forked PBX died:\n" + Files.readString(log));
                    Matcher m = PORT.matcher(Files.readString(log));
                    if (!m.find()) return false;
                    port[0] = Integer.parseInt(m.group(1));
                    return true;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                p.destroyForcibly(); // a child that never came up must not outlive the test (it holds ports)
                throw new AssertionError(
                        "Forked PBX did not report its SIP port within 60 s; its output:\n" + Files.readString(log), e);
            } catch (RuntimeException | AssertionError e) {
                p.destroyForcibly();
                throw e;
            }
            return new ForkedPbx(p, port[0], log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int sipPort() {
        return sipPort;
    }

    /** What the child printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hooks, no flushing, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) throw new AssertionError("Forked PBX did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}
