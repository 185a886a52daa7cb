package org.tandem.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tandem.pbx.testsupport.FreePorts;

/**
 * A MariaDB server of its own for the db-init tests, from Debian's binaries (package mariadb-server), on
 * a free port of 127.0.0.1, with real grant tables (root without password over TCP) because db-init
 * creates users. pbx-core's shared test server runs with --skip-grant-tables, where CREATE USER fails.
 */
final class PrivateMariaDb implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private PrivateMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static PrivateMariaDb start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tandem-dbinit-mariadb-");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> install = new ArrayList<>(List.of(
                program("mariadb-install-db"),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (root) install.add("--user=root");
        Command.run(install).assertOk();
        // below the kernel's ephemeral range: a port bound to 0 and let go could be any client's source port by the
        // time mariadbd binds it (FreePorts says more)
        int port = FreePorts.udpAndTcp();
        List<String> server = new ArrayList<>(List.of(
                program("mariadbd"),
                "--no-defaults",
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--skip-name-resolve",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=32M"));
        if (root) server.add("--user=root");
        Process p = new ProcessBuilder(server)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.log").toFile())
                .start();
        PrivateMariaDb db = new PrivateMariaDb(dir, port, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = db.connect("", "root", "")) {
                return db;
            } catch (SQLException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    db.close();
                    throw new IllegalStateException(
                            "MariaDB test server did not start; log: " + Files.readString(dir.resolve("mariadbd.log")),
                            e);
                }
                Thread.sleep(200);
            }
        }
    }

    int port() {
        return port;
    }

    /** The admin client command db-init runs as MariaDB's root. */
    String adminClient() {
        return program("mariadb") + " --no-defaults --protocol=TCP -h 127.0.0.1 -P " + port + " -u root";
    }

    Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, user, password);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String program(String name) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
        }
        throw new IllegalStateException("The db-init tests need " + name + " from Debian's mariadb-server package: "
                + "apt-get install -y mariadb-server (scripts/test.sh does it)");
    }
}
