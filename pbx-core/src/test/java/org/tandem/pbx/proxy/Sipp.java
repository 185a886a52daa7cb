package org.tandem.pbx.proxy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real SIPp (Debian sip-tester) process on a scenario from {@code src/test/resources/sipp/},
 * after replacing {@code @KEY@} placeholders. Tests assert on its exit code (0: every call passed).
 */
public final class Sipp {

    public static final String HOST = "127.0.0.1";
    private static final Path WORK = Path.of("target", "sipp-it");

    private final String scenario;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private String transport = "u1";
    private int localPort;
    private String localIp = HOST;
    private String remote;
    private String outOfCallScenario;

    private Sipp(String scenario) {
        this.scenario = scenario;
        this.localPort = freePort();
    }

    public static Sipp scenario(String name) {
        return new Sipp(name);
    }

    public Sipp set(String key, Object value) {
        keys.put(key, String.valueOf(value));
        return this;
    }

    /** Runs on {@code port} instead of a fresh one (e.g. the port a REGISTER was sent from). */
    public Sipp onPort(int port) {
        localPort = port;
        return this;
    }

    /** Further SIPp arguments (e.g. {@code -cid_str} for a Call-ID chosen by the test). */
    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** Sends from another loopback address (another host, as far as the appliance can tell). */
    public Sipp from(String address) {
        localIp = address;
        return this;
    }

    public Sipp tcp() {
        transport = "t1";
        return this;
    }

    /** A UAC: sends to {@code host:port}, calling {@code service} (the Request-URI user). */
    public Sipp calling(String service, int proxyPort) {
        args.addAll(List.of("-s", service));
        remote = HOST + ":" + proxyPort;
        return this;
    }

    public Sipp auth(String user, String password) {
        args.addAll(List.of("-au", user, "-ap", password));
        return this;
    }

    /** Handles requests that start new calls (e.g. an INVITE after a REGISTER) with {@code scenario}. */
    public Sipp outOfCall(String scenario) {
        outOfCallScenario = scenario;
        return this;
    }

    public int port() {
        return localPort;
    }

    /** Starts SIPp; for a UAS (no remote) waits until it listens. */
    public Run start() {
        try {
            Path dir = Files.createDirectories(WORK.resolve(scenario + "-" + localPort))
                    .toAbsolutePath();
            Path file = write(dir, scenario);
            List<String> cmd = new ArrayList<>(List.of(
                    "sipp",
                    "-sf",
                    file.toString(),
                    "-i",
                    localIp,
                    "-p",
                    Integer.toString(localPort),
                    "-t",
                    transport,
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
            if (outOfCallScenario != null)
                cmd.addAll(List.of("-oocsf", write(dir, outOfCallScenario).toString()));
            // SIPp binds its media port (6000 by default) even when it plays nothing: a free one, so that SIPps of
            // ITs running in parallel JVMs never fight over it
            if (!args.contains("-mp"))
                cmd.addAll(List.of("-mp", Integer.toString(org.tandem.pbx.testsupport.FreePorts.mediaBlock())));
            cmd.addAll(args);
            if (remote != null) cmd.add(remote);
            Process process = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile())
                    .start();
            Run run = new Run(process, dir);
            if (remote == null) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() || listening());
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(Path dir, String name) throws IOException {
        String xml;
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name + ".xml")) {
            if (in == null) throw new IllegalArgumentException("No scenario " + name);
            xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (var e : keys.entrySet()) xml = xml.replace("@" + e.getKey() + "@", e.getValue());
        Path file = dir.resolve(name.replace('/', '-') + ".xml");
        Files.writeString(file, xml, StandardCharsets.ISO_8859_1);
        return file;
    }

    private boolean listening() {
        if ("t1".equals(transport)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, localPort), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try (DatagramSocket s = new DatagramSocket(localPort, InetAddress.getByName(HOST))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A port free on 127.0.0.1 for both TCP and UDP. */
    public static int freePort() {
        return org.tandem.pbx.testsupport.FreePorts.udpAndTcp();
    }

    /** A running SIPp. */
    public static final class Run {
        private final Process process;
        private final Path dir;

        Run(Process process, Path dir) {
            this.process = process;
            this.dir = dir;
        }

        /** Waits for SIPp to end (killing it after {@code timeout}) and returns its exit code. */
        public int exitCode(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
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

        public int exitCode() {
            return exitCode(Duration.ofSeconds(45));
        }

        public void kill() {
            process.destroyForcibly();
        }

        /** What SIPp logged (messages and errors), for assertion messages. */
        public String log() {
            StringBuilder sb =
                    new StringBuilder("\n--- SIPp logs in ").append(dir).append('\n');
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> !p.toString().endsWith(".xml"))
                        .sorted()
                        .toList()) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                    if (text.length() > 12_000) text = text.substring(text.length() - 12_000);
                    sb.append("=== ")
                            .append(f.getFileName())
                            .append('\n')
                            .append(text)
                            .append('\n');
                }
            } catch (IOException e) {
                sb.append(e);
            }
            return sb.toString();
        }
    }
}
