package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.TandemApplication;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.ApplianceOnMariaDb;
import org.tandem.appliance.testsupport.ApplianceTestBeans;
import org.tandem.appliance.testsupport.ContextDataDirs;
import org.tandem.appliance.testsupport.FakeBanRegistry;
import org.tandem.appliance.testsupport.FakeLocationService;
import org.tandem.appliance.testsupport.FreshSipStack;
import org.tandem.appliance.tls.SelfSignedSipKeystore;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.testsupport.FreePorts;

/**
 * The appliance the API tests run against: the whole of it (HTTP, security, SIP stack, database) on a
 * temporary data dir and free ports of 127.0.0.1, with test doubles for the location service and the
 * ban registry. The tests are in {@link UsersApiContract} and {@link AbstractApiIT}; {@link ApiH2IT}
 * and {@link ApiMariaDbIT} run them once per database. Each test uses its own extensions, so the order
 * of tests does not matter, and so does the order of classes: every class on H2 with no properties of its own
 * shares one appliance per test JVM (Spring's context cache), and every {@link ApplianceOnMariaDb} class another,
 * so a class creates what it reads under numbers of its own and puts back any setting it changes. A class
 * that needs properties of its own adds them and {@code @DirtiesContext}, so its appliance stops after it.
 *
 * <p>Numbers (extensions, groups, rooms, queues) by class: the {@link AbstractApiIT} family three digits (1xx, 6xx,
 * 7xx, 8xx), {@code DeletionPagesIT} 2xxx, {@code WelcomeMailApiContract} 31xx, {@code AuditApiContract} 3881,
 * {@code IvrApiContract} and {@code ConferenceParkApiContract} 4xxx, {@code DevicesApiContract} and {@code PhoneFirstContactApiContract} 56xx, {@code DayNightApiContract} 58xx,
 * {@code QueueApiContract} 6xxx, {@code WebSecurity} 66xx, {@code RecordingApiContract} 7xxx,
 * {@code RoutingApiContract} 8xxx, {@code VoicemailApiContract} 9xxx, {@code LanguageApiContract} 18xx,
 * {@code UserImportApiContract} 19xx, {@code PagingGroupApiContract} 87x–89x; the page classes (their own
 * appliance) 1xx.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApplianceTestBeans.class)
@ExtendWith(FreshSipStack.class)
abstract class ApiTestBase {

    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DOMAIN = "pbx.test";

    /** The data directory of this class's appliance (one per context, see {@link ContextDataDirs}). */
    @Value("${tandem.data-dir}")
    Path dataDir;

    @DynamicPropertySource
    static void appliance(DynamicPropertyRegistry registry) {
        // called once per context built, not per class: the directory outlives the classes sharing it
        Path dataDir = ContextDataDirs.create("api");
        registry.add("tandem.data-dir", dataDir::toString);
        registry.add("tandem.domain", () -> DOMAIN);
        registry.add("tandem.admin.initial-password", () -> ADMIN_PASSWORD);
        registry.add("tandem.sip.bind-address", () -> "127.0.0.1");
        // chosen once per context: suppliers are called on every property read
        int sipPort = FreePorts.udpAndTcp();
        int tlsPort = FreePorts.udpAndTcp();
        registry.add("tandem.sip.port", () -> sipPort);
        registry.add("tandem.sip.tls-port", () -> tlsPort);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("tandem.provisioning.tftp-port", () -> 0);
        registry.add("tandem.stun.port", () -> 0);
        registry.add("tandem.https-port", () -> 0);
    }

    @LocalServerPort
    int port;

    @Autowired
    FakeBanRegistry bans;

    @Autowired
    FakeLocationService locations;

    @Autowired
    UserDirectory directory;

    @Autowired
    AdminAccounts accounts;

    @Autowired
    SipTransports sip;

    @Autowired
    org.tandem.pbx.config.ExternalAddress external;

    @Autowired
    org.tandem.pbx.setup.ApplianceSetup setup;

    @Autowired
    HealthEndpoint healthEndpoint;

    @Autowired
    SelfSignedSipKeystore keystore;

    ApiClient anonymous;
    ApiClient admin;

    /** The wizard's settings (domain, time zone, mail, language) as the test found them. */
    private SetupSettings settingsBefore;

    @BeforeEach
    void clients() {
        bans.reset();
        locations.clear();
        anonymous = new ApiClient(port);
        admin = anonymous.as("admin", ADMIN_PASSWORD);
        settingsBefore = setup.current();
    }

    /** Puts back the settings a test changed: the next class on this appliance expects the ones it started with. */
    @AfterEach
    void settingsPutBack() {
        if (!setup.current().equals(settingsBefore)) setup.save(settingsBefore);
    }

    /** Creates user {@code extension} ("User N", SIP password s3cret-N) through the API unless it exists. */
    void ensureUser(String extension) {
        if (!directory.exists(extension)) {
            assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, null))
                            .status())
                    .isEqualTo(201);
        }
    }

    static String user(String extension, String name, String password, String email) {
        return "{\"extension\":\"" + extension + "\",\"displayName\":\"" + name + "\",\"password\":\"" + password + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
    }

    /** The field is not in the JSON object, or is null: how the API leaves out what is not set. */
    static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    static void assertNoStackTrace(Response r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
    }
}
