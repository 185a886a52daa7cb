package org.tandem.pbx.testsupport.mariadb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test's datasource at a fresh database on the shared MariaDB test server: with
 * {@code @DynamicPropertySource} ({@link #register}) or as plain properties for contexts a test builds
 * itself, e.g. {@code new SpringApplicationBuilder(...).properties(MariaDbDatabase.properties("registrar"))}.
 */
public final class MariaDbDatabase {

    private MariaDbDatabase() {}

    /** {@code spring.datasource.*} for a database created now; start the server first ({@link MariaDbTest}). */
    public static Map<String, Object> properties(String prefix) {
        MariaDbServer server = MariaDbServer.shared();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", server.createDatabase(prefix));
        props.put("spring.datasource.username", server.username());
        props.put("spring.datasource.password", server.password());
        props.put("spring.datasource.driver-class-name", "org.mariadb.jdbc.Driver");
        return props;
    }

    /**
     * Registers {@code spring.datasource.*} for a new database named after {@code prefix}. The database
     * is created when the Spring context is built, and only once (property suppliers are called often).
     */
    public static void register(DynamicPropertyRegistry registry, String prefix) {
        Supplier<String> url = new Supplier<>() {
            private String created;

            @Override
            public synchronized String get() {
                if (created == null) created = MariaDbServer.shared().createDatabase(prefix);
                return created;
            }
        };
        registry.add("spring.datasource.url", url::get);
        registry.add("spring.datasource.username", () -> MariaDbServer.shared().username());
        registry.add("spring.datasource.password", () -> MariaDbServer.shared().password());
        registry.add("spring.datasource.driver-class-name", () -> "org.mariadb.jdbc.Driver");
    }
}
