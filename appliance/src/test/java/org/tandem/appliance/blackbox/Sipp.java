package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SIPp run (Debian {@code sip-tester}) of a scenario under {@code src/test/resources/sipp/<name>/}.
 * Always bounded: {@code -m} calls, a global {@code -timeout} that counts as failure, and a process
 * deadline on top. The verdict is SIPp's exit code (0 = every call went through the scenario).
 */
public final class Sipp {

    private static final AtomicInteger RUNS = new AtomicInteger();

    public enum Transport {
        UDP("u1"),
        TCP("t1");

        final String flag;

        Transport(String flag) {
            this.flag = flag;
        }
    }

    private final String scenario;
    private final String file;
    private String remote;
    private Transport transport = Transport.UDP;
    private int localPort;
    private int calls = 1;
    private int limit = 0;
    private String localIp = TandemProcess.HOST;
    private Duration timeout = Duration.ofSeconds(20);
    private String service;
    private String authUser;
    private String authPassword;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<String> extra = new ArrayList<>();
    private Path logDir;
    private String namespace;

    private Sipp(String scenario, String file) {
        this.scenario = scenario;
        this.file = file;
        // [user_agent] of scenarios that send one (register/uac.xml); a test playing a desk phone sends the phone's
        key("user_agent", "SIPp register");
    }

    /** {@code sipp/<scenario>/<file>} from the test classpath. */
    public static Sipp scenario(String scenario, String file) {
        return new Sipp(scenario, file);
    }

    /** Sends to (or, for a UAS, expects traffic from) the appliance's SIP port. */
    public Sipp against(TandemProcess tandem) {
        this.remote = tandem.sipHostPort();
        this.logDir = tandem.workDir().resolve("sipp");
        key("domain", tandem.domain());
        return this;
    }

    /** Sends to an appliance this test runs in-process (its SIP {@code host:port}), logging under {@code logDir}. */
    public Sipp against(String sipHostPort, String domain, Path logDir) {
        this.remote = sipHostPort;
        this.logDir = logDir;
        key("domain", domain);
        return this;
    }

    public Sipp transport(Transport t) {
        this.transport = t;
        return this;
    }

    /** Local SIP port (the Contact a UAS registered, or a fixed source port). 0 = any. */
    public Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    public Sipp calls(int n) {
        this.calls = n;
        return this;
    }

    /** At most this many calls at once (-l); default: all of them. 1 = one after the other. */
    public Sipp limit(int concurrentCalls) {
        this.limit = concurrentCalls;
        return this;
    }

    /** Local address SIPp binds and puts in Via/Contact (another loopback address = another phone). */
    public Sipp localIp(String address) {
        this.localIp = address;
        return this;
    }

    public Sipp timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** Request-URI user, {@code [service]} in the scenario. */
    public Sipp service(String user) {
        this.service = user;
        return this;
    }

    /** Digest credentials used by {@code [authentication]}. */
    public Sipp credentials(String user, String password) {
        this.authUser = user;
        this.authPassword = password;
        return this;
    }

    /** A {@code [name]} keyword in the scenario. */
    public Sipp key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    /** Runs SIPp inside network namespace {@code ns} ({@code ip netns exec}, e.g. a phone of {@code natlab.NatLab}). */
    public Sipp namespace(String ns) {
        this.namespace = ns;
        return this;
    }

    public Sipp arg(String... args) {
        extra.addAll(List.of(args));
        return this;
    }

    /** Runs to the end and returns the outcome. */
    public Result run() {
        return start().await();
    }

    /** Runs and fails the test unless SIPp exits 0. */
    public Result runAndAssertSuccess() {
        Result r = run();
        r.assertSuccess();
        return r;
    }

    /** Starts SIPp in the background (a UAS that waits for calls); see {@link Running#await()}. */
    public Running start() {
        if (remote == null) throw new IllegalStateException("against(tandem) first");
        Path xml = resource(scenario, file);
        int n = RUNS.incrementAndGet();
        Path dir = logDir.resolve(String.format("%03d-%s-%s", n, scenario, file.replace(".xml", "")));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        if (namespace != null) cmd.addAll(List.of("ip", "netns", "exec", namespace)); // execs sipp: same pid
        cmd.addAll(List.of(
                "sipp",
                remote,
                "-sf",
                xml.toString(),
                "-t",
                transport.flag,
                "-i",
                localIp,
                "-bind_local",
                "-m",
                Integer.toString(calls),
                "-r",
                "10",
                "-l",
                Integer.toString(limit > 0 ? limit : Math.max(1, calls)),
                "-timeout",
                timeout.toSeconds() + "s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                dir.resolve("errors.log").toString(),
                "-trace_msg",
                "-message_file",
                dir.resolve("messages.log").toString(),
                "-trace_screen",
                "-screen_file",
                dir.resolve("screen.log").toString()));
        // always an explicit port: SIPp's default is 5060 when free, which parallel runs would fight over
        cmd.addAll(List.of("-p", Integer.toString(localPort > 0 ? localPort : FreePorts.udpAndTcp())));
        if (service != null) cmd.addAll(List.of("-s", service));
        if (authUser != null) cmd.addAll(List.of("-au", authUser, "-ap", authPassword));
        keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
        // SIPp binds its media ports (6000 by default) even when it plays nothing: an explicit free one, so that
        // two SIPps of tests running in parallel JVMs never fight over it
        if (!extra.contains("-mp") && namespace == null)
            cmd.addAll(List.of("-mp", Integer.toString(FreePorts.mediaBlock())));
        cmd.addAll(extra);
        try {
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            return new Running(p, dir, timeout.plusSeconds(15), String.join(" ", cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot run sipp (Debian package sip-tester; scripts/test.sh installs it)", e);
        }
    }

    static Path resource(String scenario, String file) {
        String name = "/sipp/" + scenario + "/" + file;
        URL url = Sipp.class.getResource(name);
        if (url == null) throw new IllegalArgumentException("No scenario " + name + " on the test classpath");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SIPp process under way. */
    public static final class Running {
        private final Process process;
        private final Path dir;
        private final Duration limit;
        private final String command;

        Running(Process process, Path dir, Duration limit, String command) {
            this.process = process;
            this.dir = dir;
            this.limit = limit;
            this.command = command;
        }

        /**
         * Returns once SIPp listens on {@code port} (UDP) — a UAS is ready for the call once its socket
         * is bound, since datagrams queue in the socket until SIPp reads them.
         */
        public Running awaitListening(int port, Transport transport) {
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("sipp exited (" + process.exitValue() + ") before listening; "
                            + new Result(process.exitValue(), dir, command).diagnostics());
                }
                if (isBound(process.pid(), port, transport)) return this;
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            throw new AssertionError("sipp did not bind port " + port + " within 10 s");
        }

        /**
         * Reads the kernel's socket table instead of probing with a bind of our own, which could steal
         * the port from SIPp for an instant; SIPp's own view of it ({@code /proc/<pid>/net}), so a SIPp in
         * another network namespace is seen in its namespace.
         */
        private static boolean isBound(long pid, int port, Transport transport) {
            String hexPort = String.format(":%04X", port);
            for (String table : transport == Transport.UDP ? List.of("udp", "udp6") : List.of("tcp", "tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length < 4 || !f[1].endsWith(hexPort)) continue;
                        if (transport == Transport.UDP || "0A".equals(f[3])) return true; // 0A = LISTEN
                    }
                } catch (IOException e) {
                    // table absent (no IPv6): try the next
                }
            }
            return false;
        }

        /** Waits for SIPp to finish (bounded: its own -timeout plus a margin, then it is killed). */
        public Result await() {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Result(-999, dir, command);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted", e);
            }
            return new Result(process.exitValue(), dir, command);
        }

        /** The SIP messages SIPp has sent and received so far (-trace_msg). */
        public String messages() {
            return Result.read(dir.resolve("messages.log"), 1_000_000);
        }

        /**
         * What SIPp logged so far as going against its scenario (-trace_err): an aborted call (an unexpected message,
         * a retransmission timeout) says "Aborting call". For a phone that stays registered after its call, where
         * waiting for its exit code would mean waiting out the registration's pause.
         */
        public String unexpected() {
            return Result.read(dir.resolve("errors.log"), 6000);
        }

        /** Ends a SIPp that is no longer needed (e.g. a UAS whose call the test already judged). */
        public void kill() {
            process.destroyForcibly();
        }
    }

    /**
     * SIPp's verdict. Exit codes: 0 all calls passed, 1 at least one failed, 97 stopped by command,
     * 99 ended without processing a call, 255/254 fatal (bad scenario, port in use); -999: we killed
     * it after its own timeout.
     */
    public record Result(int exitCode, Path dir, String command) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        public Result assertSuccess() {
            if (exitCode != 0) throw new AssertionError("SIPp failed (exit " + exitCode + "). " + diagnostics());
            return this;
        }

        /**
         * The failure a scenario expects, e.g. a REGISTER that must not get through: a failed call (1) or
         * the global timeout (-timeout_error: 255).
         */
        public Result assertFailure() {
            if (exitCode != 1 && exitCode != 255) {
                throw new AssertionError("SIPp should have failed its call (exit 1 or 255) but exited " + exitCode
                        + ". " + diagnostics());
            }
            return this;
        }

        /** The SIP messages SIPp sent and received, as logged by -trace_msg. */
        public String messages() {
            return read(dir.resolve("messages.log"), 1_000_000);
        }

        public String diagnostics() {
            return "Command: " + command + "\n--- unexpected messages (-trace_err):\n"
                    + read(dir.resolve("errors.log"), 6000) + "\n--- screen:\n" + read(dir.resolve("screen.log"), 3000)
                    + "\n--- stdout:\n" + read(dir.resolve("stdout.log"), 2000)
                    + "\n--- messages (last part):\n" + tail(read(dir.resolve("messages.log"), 1_000_000), 8000)
                    + "\n(all logs in " + dir + ")";
        }

        private static String tail(String s, int max) {
            return s.length() <= max ? s : "..." + s.substring(s.length() - max);
        }

        private static String read(Path p, int max) {
            try {
                if (!Files.exists(p)) return "(none)";
                String s = Files.readString(p, StandardCharsets.ISO_8859_1);
                return s.length() <= max ? s : s.substring(0, max) + "...";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
