package org.tandem.pbx.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the PBX core (real JAIN-SIP stack on 127.0.0.1 and a free port, H2 file database under a
 * data directory, or MariaDB, see {@link #MARIADB_PROPERTY}) the way the appliance does, minus the web tier. Start it again on the same data
 * directory to test what survives a restart.
 */
public final class PbxTestContext implements AutoCloseable {

    public static final String DOMAIN = "tandem.test";
    /**
     * Set (e.g. {@code -Dtandem.test.mariadb=jdbc:mariadb://127.0.0.1:21306/?user=root}) to run the same
     * integration tests on MariaDB: each data directory gets its own database on that server.
     */
    public static final String MARIADB_PROPERTY = "tandem.test.mariadb";
    /** {@code mariadb}: run on the private test MariaDB server (set per class by {@link PbxOnMariaDb}). */
    public static final String DB_PROPERTY = "tandem.test.db";

    private final ConfigurableApplicationContext context;
    private final int sipPort;
    private final Path dataDir;

    private PbxTestContext(ConfigurableApplicationContext context, int sipPort, Path dataDir) {
        this.context = context;
        this.sipPort = sipPort;
        this.dataDir = dataDir;
    }

    /** @param extra further properties (e.g. {@code tandem.security.max-failures}) */
    public static PbxTestContext start(Path dataDir, Map<String, String> extra) {
        return start(dataDir, extra, TestPbxApplication.class);
    }

    /**
     * Boots {@code application} instead of {@link TestPbxApplication}: a module above pbx-core (operations) adds its
     * own beans and migration folder ({@code spring.flyway.locations} in {@code extra}) to the PBX.
     */
    public static PbxTestContext start(Path dataDir, Map<String, String> extra, Class<?> application) {
        int port = FreePorts.udpAndTcp();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("tandem.data-dir", dataDir.toString());
        props.put("tandem.domain", DOMAIN);
        props.put("tandem.sip.bind-address", "127.0.0.1");
        props.put("tandem.sip.advertised-address", "127.0.0.1");
        props.put("tandem.sip.port", port);
        props.put("tandem.sip.tls-port", 0);
        // recordings in progress go to this PBX's own spool, as on the appliance; the shared temp directory
        // would mix them with other PBXes', whose start sweeps away every leftover it finds there
        props.put(
                "tandem.media.recording-dir",
                dataDir.resolve("spool").resolve("recordings").toString());
        String mariaDb = mariaDbUrl();
        if (mariaDb.isBlank()) {
            props.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dataDir.resolve("tandem")
                            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;WRITE_DELAY=0");
            props.put("spring.datasource.username", "tandem");
            props.put("spring.datasource.password", "");
        } else {
            props.put("spring.datasource.url", MariaDbDatabases.forDataDir(mariaDb, dataDir));
        }
        props.put("spring.flyway.locations", TestPbxApplication.FLYWAY_LOCATIONS);
        props.put("tandem.stun.port", 0); // STUN only where a test asks for it: test PBXes run side by side
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.gov.nist", "warn");
        // the in-process test phones (User-Agent Tandem-Test) answer SHA-256 challenges: offer them both
        props.put("tandem.auth.sha256-user-agents", "^Tandem-Test/");
        // no NAT keepalive OPTIONS unless a test asks for them (as TandemProcess does for the appliance): at the
        // default 30 s one reached a SIPp phone between its start and the INVITE it waits for (CI, TrunkGatewayIT);
        // SIPp answered it automatically but counted it as its one call, and the INVITE went unanswered
        props.put("tandem.sip.keepalive-interval", "1h");
        props.putAll(extra);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(props)
                .run();
        return new PbxTestContext(ctx, port, dataDir);
    }

    /**
     * The MariaDB server URL this JVM's tests run on, or "" for H2. A forked PBX must be handed this
     * (not just {@link #MARIADB_PROPERTY}), else in a {@link PbxOnMariaDb} class it would fall back to H2.
     */
    public static String mariaDbUrl() {
        String mariaDb = System.getProperty(MARIADB_PROPERTY, "");
        if (mariaDb.isBlank() && "mariadb".equals(System.getProperty(DB_PROPERTY, "h2"))) {
            // a PbxOnMariaDb class: a private mariadbd from Debian's binaries
            mariaDb = org.tandem.pbx.testsupport.mariadb.MariaDbServer.shared().jdbcUrl("") + "?user=root";
        }
        return mariaDb;
    }

    public static PbxTestContext start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int sipPort() {
        return sipPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
