package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built appliance ({@code tandem.jar}) as a separate process: its own data dir, free loopback
 * ports for SIP (UDP+TCP) and HTTP, a known admin password. TLS is off until a test needs it.
 * Restarts keep the data dir and the ports, so a test can check what survives a (hard) restart.
 */
public final class TandemProcess implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String HOST = "127.0.0.1";
    /** 90 s; a machine shared by several builds may need more: -Dtandem.blackbox.startup-seconds=240 */
    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("tandem.blackbox.startup-seconds", 90));

    private final Path workDir;
    private final Path dataDir;
    private final Path log;
    private final int sipPort;
    private final int httpPort;
    private final String adminPassword;
    private final String domain;
    private final List<String> extraArgs;
    /** Network namespace the jar runs in ({@code ip netns exec}), or null for this host's. */
    private final String namespace;

    private final String sipBind;
    private final String httpHost;
    /** Where the test reaches HTTP, when not at {@code httpHost:httpPort} (a forwarder into a namespace's loopback). */
    private String reachHost;

    private int reachPort;
    /** A small, quick-starting JVM: five of these share two cores with the build. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;
    /** Started as {@code java -jar tandem.jar}, not from the extracted jar with its class-data archive (JarLaunch). */
    private boolean packaged;

    /**
     * @param workDir   holds the data dir and the process log (kept when a test fails)
     * @param extraArgs more {@code --name=value} flags, e.g. ban thresholds, and {@code -Dname=value} JVM properties
     */
    public TandemProcess(Path workDir, String domain, List<String> extraArgs) {
        this(workDir, domain, extraArgs, null, HOST, HOST, FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
    }

    /**
     * The jar inside network namespace {@code namespace} (see {@code natlab.NatLab}): SIP on 0.0.0.0:5060, so it
     * is reached on every address of the namespace, HTTP on 8080 of {@code httpHost} (the management address the
     * test JVM reaches).
     */
    public static TandemProcess inNamespace(
            Path workDir, String namespace, String httpHost, String domain, List<String> extraArgs) {
        return new TandemProcess(workDir, domain, extraArgs, namespace, "0.0.0.0", httpHost, 5060, 8080);
    }

    private TandemProcess(
            Path workDir,
            String domain,
            List<String> extraArgs,
            String namespace,
            String sipBind,
            String httpHost,
            int sipPort,
            int httpPort) {
        this.namespace = namespace;
        this.sipBind = sipBind;
        this.httpHost = httpHost;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.log = workDir.resolve("tandem.log");
        this.sipPort = sipPort;
        this.httpPort = httpPort;
        this.adminPassword = "bb-admin-" + Long.toHexString(System.nanoTime());
        this.domain = domain;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * The test reaches HTTP at {@code host:port} instead of where the jar listens: a forwarder into the loopback of
     * the jar's namespace, for a namespace whose only other interface must stay without an address (issue 21).
     */
    public TandemProcess reachedAt(String host, int port) {
        this.reachHost = host;
        this.reachPort = port;
        return this;
    }

    /** The jar built by {@code package}; failsafe passes its path as {@code -Dtandem.jar}. */
    public static Path jar() {
        String configured = System.getProperty("tandem.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "tandem.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No appliance jar at " + jar.toAbsolutePath()
                    + ": run the black-box tests through Maven (./mvnw verify) so that package builds it first");
        }
        return jar.toAbsolutePath();
    }

    /** From now on starts the packaged jar exactly as an admin runs it, {@code java -jar tandem.jar} (see JarLaunch). */
    public TandemProcess packaged() {
        this.packaged = true;
        return this;
    }

    /** Starts the jar and returns once {@code /actuator/health} says UP. */
    public synchronized void start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("already running");
        try {
            Files.createDirectories(dataDir);
            List<String> cmd = new ArrayList<>();
            if (namespace != null) cmd.addAll(List.of("ip", "netns", "exec", namespace)); // execs java: same pid
            cmd.add(javaExecutable());
            cmd.addAll(JVM_OPTIONS);
            cmd.add("-Djava.io.tmpdir=" + workDir);
            // "-Dname=value" among the extra arguments is a system property of the JVM (e.g. a trust store)
            extraArgs.stream().filter(a -> a.startsWith("-D")).forEach(cmd::add);
            cmd.addAll(JarLaunch.args(javaExecutable(), JVM_OPTIONS, packaged));
            cmd.add("--tandem.data-dir=" + dataDir);
            cmd.add("--tandem.domain=" + domain);
            cmd.add("--tandem.sip.bind-address=" + sipBind);
            cmd.add("--tandem.sip.port=" + sipPort);
            if (extraArgs.stream().noneMatch(a -> a.startsWith("--tandem.sip.tls-port="))) {
                cmd.add("--tandem.sip.tls-port=0"); // a repeated flag would bind as "0,N"
            }
            if (extraArgs.stream().noneMatch(a -> a.startsWith("--tandem.https-port="))) {
                cmd.add("--tandem.https-port=0"); // HTTPS (8443 by default) only where a test asks for it
            }
            if (extraArgs.stream().noneMatch(a -> a.startsWith("--tandem.provisioning.tftp-port="))) {
                cmd.add("--tandem.provisioning.tftp-port=0"); // TFTP only where a test asks for it
            }
            if (namespace == null
                    && extraArgs.stream().noneMatch(a -> a.startsWith("--tandem.sip.keepalive-interval="))) {
                // On loopback no NAT mapping needs keeping open, and a keepalive OPTIONS that lands in a SIPp phone
                // between its REGISTER and the call it waits for aborts that phone's scenario (RoutingPagesIT failed
                // so in a full run: the OPTIONS came 70 ms after the REGISTER's 200). Keepalives are NatKeepaliveIT's;
                // the NAT lab (namespace) keeps the 30 s default, its NATs need them.
                cmd.add("--tandem.sip.keepalive-interval=1h");
            }
            if (extraArgs.stream().noneMatch(a -> a.startsWith("--tandem.stun.port="))) {
                cmd.add("--tandem.stun.port=0"); // STUN (3478) only where a test asks for it: jars run side by side
            }
            if (extraArgs.stream().noneMatch(a -> a.startsWith("--server.address="))) {
                cmd.add("--server.address=" + httpHost); // a repeated flag would bind as "A,B"
            }
            cmd.add("--server.port=" + httpPort);
            cmd.add("--tandem.admin.initial-password=" + adminPassword);
            extraArgs.stream().filter(a -> !a.startsWith("-D")).forEach(cmd::add);
            Files.writeString(
                    log,
                    "==== start " + (++starts) + " at " + Instant.now() + ": " + String.join(" ", cmd) + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + jar(), e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(STARTUP);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "tandem.jar exited with " + process.exitValue() + " during startup; its log:\n" + logTail(60));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(httpUri("/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) return;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for tandem.jar", e);
            }
            try {
                // poll the health endpoint at most every 100 ms; onExit() wakes us if it dies
                process.onExit().get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // poll again
            } catch (Exception e) {
                // exit noticed at the top of the loop
            }
        }
        throw new IllegalStateException("tandem.jar not healthy within " + STARTUP.toSeconds() + " s (last: " + last
                + "); its log:\n" + logTail(60));
    }

    /** Orderly stop (SIGTERM), as systemd would do. */
    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        "tandem.jar did not stop within 30 s of SIGTERM (killed); log:\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hard kill (SIGKILL): no shutdown hooks, no flushing — a power cut for the process. */
    public synchronized void kill9() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (isAlive()) kill9();
    }

    public String logTail(int lines) {
        try {
            if (!Files.exists(log)) return "(no log)";
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public URI httpUri(String path) {
        return reachHost != null
                ? URI.create("http://" + reachHost + ":" + reachPort + path)
                : URI.create("http://" + httpHost + ":" + httpPort + path);
    }

    public int sipPort() {
        return sipPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public String domain() {
        return domain;
    }

    public Path log() {
        return log;
    }

    public Path workDir() {
        return workDir;
    }

    /** The SIP TLS port its {@code --tandem.sip.tls-port} flag gives it; 0: no TLS (the tests' default). */
    public int sipTlsPort() {
        return portFlag("--tandem.sip.tls-port=");
    }

    private int portFlag(String flag) {
        return extraArgs.stream()
                .filter(a -> a.startsWith(flag))
                .findFirst()
                .map(a -> Integer.parseInt(a.substring(flag.length())))
                .orElse(0);
    }

    /** "127.0.0.1:port", the SIPp remote host argument. */
    public String sipHostPort() {
        return HOST + ":" + sipPort;
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
