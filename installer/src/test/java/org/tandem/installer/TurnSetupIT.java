package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's {@code turn-setup} (issue 16: the web phone's TURN server): the files it writes, and Debian's coturn
 * actually run on them by {@code turn-setup --exec} — a credential made the way Tandem makes them (the secret from
 * {@code turn.properties}) gets an allocation and relays, a wrong or expired one does not, and coturn relays to this
 * machine's own addresses only (a peer elsewhere is 403 Forbidden IP).
 */
class TurnSetupIT {

    private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    private static final Path UCLIENT = Path.of("/usr/bin/turnutils_uclient");

    @TempDir
    Path root;

    @BeforeEach
    void unpack() {
        BuiltPackage.unpackInto(root);
    }

    @Test
    void setupWritesBothSidesOfTheSecretPrivatelyAndKeepsItWhenRunAgain() throws IOException {
        setup(Map.of()).assertOk();
        Path props = root.resolve("etc/tandem/turn.properties");
        Path conf = root.resolve("etc/tandem-turn/turnserver.conf");
        String secret = secret();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(Files.readString(props)).contains("tandem.turn.port=3479\n");
        assertThat(Files.readAllLines(conf))
                .contains(
                        "listening-port=3479",
                        "use-auth-secret",
                        "static-auth-secret=" + secret,
                        "no-tls",
                        "denied-peer-ip=0.0.0.0-255.255.255.255",
                        "denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                        "min-port=49152");
        for (Path p : List.of(props, conf)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString())
                    .isEqualTo("rw-r-----");
        }
        setup(Map.of("TANDEM_TURN_PORT", "3490")).assertOk();
        assertThat(secret()).as("the secret survives a second run").isEqualTo(secret);
        assertThat(Files.readString(props)).contains("tandem.turn.port=3490\n");
        Command bad = setup(Map.of("TANDEM_TURN_PORT", "34x"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("must be a port number");
    }

    @Test
    void execAllowsRelayingOnlyToThisMachinesAddresses() {
        setup(Map.of()).assertOk();
        Command dry = Command.run(
                        List.of(script().toString(), "--exec", "--verbose"),
                        Map.of(
                                "DPKG_ROOT",
                                root.toString(),
                                "TANDEM_TURN_DRY_RUN",
                                "1",
                                "TANDEM_TURN_PEERS",
                                "192.0.2.10 fe80::1 2001:db8::10 a;b"),
                        null)
                .assertOk();
        assertThat(dry.output())
                .contains("turnserver -c " + root.resolve("etc/tandem-turn/turnserver.conf")
                        + " --allowed-peer-ip=192.0.2.10 --allowed-peer-ip=2001:db8::10 --verbose")
                .contains("'a;b' is no IP address")
                .doesNotContain("fe80");
    }

    @Test
    void coturnOnTheConfigurationTakesTandemsCredentialsAndRelaysOnlyHere() throws Exception {
        assumeTrue(
                Files.isExecutable(TURNSERVER) && Files.isExecutable(UCLIENT) || System.getenv("CI") != null,
                "Debian coturn is not installed: run scripts/test.sh, which installs it");
        setup(Map.of()).assertOk();
        String secret = secret();
        String user = (Instant.now().getEpochSecond() + 3600) + ":701";
        String expired = (Instant.now().getEpochSecond() - 60) + ":701";

        int port = freePort();
        try (Turn turn = Turn.start(this, port, "127.0.0.1")) {
            assertThat(relay(port, user, hmac(secret, user))).contains("Total lost packets 0 (0.000000%)");
            assertThat(relay(port, user, hmac("not-the-secret", user)))
                    .contains("Cannot complete Allocation")
                    .doesNotContain("Total lost packets 0");
            assertThat(relay(port, expired, hmac(secret, expired))).contains("Cannot complete Allocation");
        }
        int other = freePort();
        try (Turn turn = Turn.start(this, other, "192.0.2.10")) {
            assertThat(relay(other, user, hmac(secret, user)))
                    .as("a peer that is not this machine")
                    .contains("403 (Forbidden IP)")
                    .doesNotContain("Total lost packets 0");
        }
    }

    /** coturn started by {@code turn-setup --exec}, moved onto loopback and a free port for the test. */
    private record Turn(Process process) implements AutoCloseable {

        static Turn start(TurnSetupIT test, int port, String peers) throws Exception {
            Path dir = Files.createTempDirectory(test.root, "coturn");
            Path log = dir.resolve("turnserver.log");
            ProcessBuilder pb = new ProcessBuilder(
                            test.script().toString(),
                            "--exec",
                            "--listening-ip=127.0.0.1",
                            "--relay-ip=127.0.0.1",
                            "--listening-port=" + port,
                            "--pidfile=" + dir.resolve("pid"),
                            "--userdb=" + dir.resolve("turndb"),
                            "--allow-loopback-peers",
                            "--log-file=stdout",
                            "--min-port=" + 40000,
                            "--max-port=" + 40999)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("DPKG_ROOT", test.root.toString(), "TANDEM_TURN_PEERS", peers));
            Process p = pb.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (!listening(port)) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    p.destroyForcibly();
                    throw new AssertionError("coturn did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return new Turn(p);
        }

        private static boolean listening(int port) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return false;
            } catch (IOException inUse) {
                return true;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** coturn's own test client: two clients allocate and send 5 messages to each other's relayed address. */
    private static String relay(int port, String user, String password) {
        List<String> cmd = new ArrayList<>(List.of(
                "timeout",
                "20",
                UCLIENT.toString(),
                "-y",
                "-n",
                "5",
                "-m",
                "1",
                "-l",
                "100",
                "-u",
                user,
                "-w",
                password,
                "-p",
                String.valueOf(port),
                "127.0.0.1"));
        return Command.run(cmd).output();
    }

    private Command setup(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("DPKG_ROOT", root.toString());
        return Command.run(List.of(script().toString()), all, null);
    }

    private Path script() {
        return root.resolve("usr/lib/tandem/turn-setup");
    }

    private String secret() throws IOException {
        return Files.readAllLines(root.resolve("etc/tandem/turn.properties")).stream()
                .filter(l -> l.startsWith("tandem.turn.secret="))
                .map(l -> l.substring(19))
                .findFirst()
                .orElseThrow();
    }

    private static String hmac(String secret, String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
    }

    /** A port of 20000-32767 free for UDP and TCP on loopback (below the kernel's ephemeral range). */
    private static int freePort() {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket t = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket u =
                            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
