package org.tandem.pbx.testsupport.mariadb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where Debian (package {@code mariadb-server}) puts the two programs the test server needs. */
record Binaries(Path server, Path installDb) {

    static Binaries find() {
        Optional<Path> server = locate("mariadbd");
        Optional<Path> installDb = locate("mariadb-install-db");
        if (server.isEmpty() || installDb.isEmpty()) {
            throw new IllegalStateException("The MariaDB integration tests need the MariaDB server programs, but "
                    + (server.isEmpty() ? "mariadbd" : "mariadb-install-db") + " was not found (searched PATH, "
                    + "/usr/sbin, /usr/bin, /usr/local/sbin, /usr/local/bin). Install them with "
                    + "'apt-get install -y mariadb-server', or set " + MariaDbServer.SKIP_ENV
                    + "=1 to skip the MariaDB half of the integration tests (H2 still runs).");
        }
        return new Binaries(server.get(), installDb.get());
    }

    private static Optional<Path> locate(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
