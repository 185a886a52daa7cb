package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn as the TURN server (RFC 8656) of a web phone test, on 127.0.0.1 only: the shared-secret scheme
 * Tandem's credentials follow ({@code use-auth-secret}), relaying to the appliance's address and nowhere else (the
 * same peer rule {@code /usr/lib/tandem/turn-setup} writes, here for loopback), verbose log kept for the test to read.
 */
final class Coturn implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/turnserver");

    private final Process process;
    private final Path log;

    private Coturn(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * @param port       TURN's UDP and TCP port
     * @param relayPorts the first of {@code relayCount} free UDP ports for the allocations' relayed addresses
     */
    static Coturn start(Path dir, int port, int relayPorts, int relayCount, String secret) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("turnserver.conf");
        Path log = dir.resolve("turnserver.log");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listening-ip=127.0.0.1",
                        "relay-ip=127.0.0.1",
                        "listening-port=" + port,
                        "min-port=" + relayPorts,
                        "max-port=" + (relayPorts + relayCount - 1),
                        "use-auth-secret",
                        "static-auth-secret=" + secret,
                        "realm=tandem.test",
                        "fingerprint",
                        "no-cli",
                        "no-tls",
                        "no-dtls",
                        "no-multicast-peers",
                        // the appliance is on loopback here; in the field turn-setup allows only the appliance's
                        // address
                        "allow-loopback-peers",
                        "denied-peer-ip=0.0.0.0-255.255.255.255",
                        "allowed-peer-ip=127.0.0.1",
                        "pidfile=" + dir.resolve("turnserver.pid"),
                        "userdb=" + dir.resolve("turndb.sqlite"),
                        "log-file=stdout",
                        "simple-log",
                        "verbose",
                        ""));
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Coturn turn = new Coturn(p, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!turn.log().contains("UDP listener opened on: 127.0.0.1:" + port)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                turn.close();
                throw new IllegalStateException("coturn did not start on 127.0.0.1:" + port + ":\n" + turn.log());
            }
            sleep();
        }
        return turn;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
