package org.tandem.pbx.testsupport.mariadb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;

/**
 * A private MariaDB server for integration tests, started from the Debian binaries ({@code mariadbd},
 * {@code mariadb-install-db}; package {@code mariadb-server}) in a temporary directory, on a free port
 * of 127.0.0.1. No Docker needed. One server per JVM ({@link #shared()}), one database per test class
 * ({@link #createDatabase(String)}); stopped and deleted when the JVM exits.
 *
 * <p>Missing binaries are a failure with instructions, never a silent skip: skipping MariaDB is an
 * explicit choice ({@code TANDEM_SKIP_MARIADB=1}, see {@link MariaDbTest}).
 */
public final class MariaDbServer {

    public static final String SKIP_ENV = "TANDEM_SKIP_MARIADB";
    static final String DIR_PREFIX = "tandem-mariadb-";
    private static final long START_TIMEOUT_SECONDS = 60;

    private static MariaDbServer shared;
    private static RuntimeException sharedFailure;

    private final Path dir;
    private final int port;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The JVM's server, started on first use. A failed start is remembered so it is reported once per class. */
    public static synchronized MariaDbServer shared() {
        if (shared != null) return shared;
        if (sharedFailure != null) throw sharedFailure;
        try {
            shared = start();
            // stopped once the JVM's Spring contexts are closed (Spring Boot runs its shutdown handlers after them):
            // a JVM shutdown hook of its own ran beside Spring's, so a cached appliance closing after it found no
            // database and its CDR writer's last write waited out Hikari's 30 s connection timeout; surefire then
            // killed the test JVM 30 s after its last test (every full run since the API classes share contexts)
            SpringApplication.getShutdownHandlers().add(shared::stop);
            return shared;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** True when the environment asks to leave MariaDB out ({@code TANDEM_SKIP_MARIADB=1}). */
    public static boolean skipRequested() {
        String v = System.getenv(SKIP_ENV);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    public int port() {
        return port;
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a fresh, empty database named after {@code prefix} and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 48) name = name.substring(0, 48);
        name = name + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), username(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create test database " + name + " on the MariaDB test server at " + "127.0.0.1:" + port
                            + " (" + e.getMessage() + "); its log: " + dir.resolve("mariadbd.log"),
                    e);
        }
        return jdbcUrl(name);
    }

    private static MariaDbServer start() {
        Binaries bin = Binaries.find();
        reapOrphans();
        Path dir;
        try {
            dir = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(
                    dir.resolve("owner.pid"),
                    Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the MariaDB test server", e);
        }
        Path data = dir.resolve("data");
        // a temporary directory of its own: the bootstrap's temporary tables in the shared /tmp were lost when two
        // servers (IT JVMs running side by side) installed at once ("Unknown table 'mysql.tmp_user_sys'")
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> install = new ArrayList<>(List.of(
                bin.installDb().toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--tmpdir=" + tmp,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (isRoot()) install.add("--user=root");
        run(install, dir.resolve("install-db.log"));

        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                return launch(bin, dir, data, port);
            } catch (IllegalStateException e) {
                last = e; // most likely the port was taken between choosing and binding it: try another
            }
        }
        throw last;
    }

    private static MariaDbServer launch(Binaries bin, Path dir, Path data, int port) {
        List<String> cmd = new ArrayList<>(List.of(
                bin.server().toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--tmpdir=" + dir.resolve("tmp"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                // tests need neither accounts nor durability nor a big cache
                "--skip-grant-tables",
                "--skip-name-resolve",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=2",
                "--innodb-doublewrite=0",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--max-connections=200"));
        if (isRoot()) cmd.add("--user=root");
        Path log = dir.resolve("mariadbd.log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + bin.server() + ": " + e.getMessage(), e);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyLogUntilExit(p, log, ready), "mariadb-test-server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            // mariadbd prints "ready for connections" once it listens; the reader completes the future then,
            // or fails it when the process exits first. No polling, no sleeps.
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new MariaDbServer(dir, port, p);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "The MariaDB test server did not start on 127.0.0.1:" + port + " within " + START_TIMEOUT_SECONDS
                            + " s. Its last lines (" + log + "):\n" + tail(log),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("Interrupted while starting the MariaDB test server", e);
        }
    }

    private static void copyLogUntilExit(Process p, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.contains("ready for connections")) ready.complete(null);
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("mariadbd exited"));
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and deletes its files. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    /** Servers of test JVMs that were killed (kill -9, IDE stop) keep running: stop them and free their disk. */
    private static void reapOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))
                    .toList()) {
                Optional<Long> owner = readPid(d.resolve("owner.pid"));
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).isPresent()) continue;
                readPid(d.resolve("data").resolve("mariadbd.pid"))
                        .or(() -> readPid(d.resolve("mariadbd.pid")))
                        .flatMap(ProcessHandle::of)
                        .ifPresent(ProcessHandle::destroyForcibly);
                deleteTree(d);
            }
        } catch (IOException ignored) {
            // best effort: an orphan only costs disk and memory
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void run(List<String> cmd, Path log) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish within 120 s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd.get(0) + " failed with exit code " + p.exitValue()
                        + ". Its last lines (" + log + "):\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + cmd.get(0), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a socket file vanishing under us, or a file still held: leave it to tmp cleaning
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
