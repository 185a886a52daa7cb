package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.TandemApplication;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.ApplianceTestBeans;
import org.tandem.appliance.testsupport.FakeBanRegistry;
import org.tandem.appliance.testsupport.FakeLocationService;
import org.tandem.appliance.testsupport.FreePorts;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.Binding;

/**
 * The REST API contract, run against the whole appliance (HTTP, security, SIP stack, database) once per
 * database: {@link ApiH2IT} and {@link ApiMariaDbIT}. Each test uses its own extensions, so the order
 * of tests does not matter.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApplianceTestBeans.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AbstractApiIT {

    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DOMAIN = "pbx.test";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void appliance(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.domain", () -> DOMAIN);
        registry.add("tandem.admin.initial-password", () -> ADMIN_PASSWORD);
        registry.add("tandem.sip.bind-address", () -> "127.0.0.1");
        registry.add("tandem.sip.port", FreePorts::tcpAndUdp);
        registry.add("tandem.sip.tls-port", FreePorts::tcpAndUdp);
        registry.add("server.address", () -> "127.0.0.1");
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

    ApiClient anonymous;
    ApiClient admin;

    @BeforeEach
    void clients() {
        bans.reset();
        locations.clear();
        anonymous = new ApiClient(port);
        admin = anonymous.as("admin", ADMIN_PASSWORD);
    }

    static String user(String extension, String name, String password, String email) {
        return "{\"extension\":\"" + extension + "\",\"displayName\":\"" + name + "\",\"password\":\"" + password
                + "\"" + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
    }

    static void assertNoStackTrace(Response r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
    }

    @Test
    void createsAUserAndNeverEchoesTheSecret() {
        Response r = admin.post("/api/v1/users", user("101", "Alice", "s3cret-101", "a@example.com"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/users/101"));
        JsonNode body = r.json();
        assertThat(body.get("extension").asText()).isEqualTo("101");
        assertThat(body.get("displayName").asText()).isEqualTo("Alice");
        assertThat(body.get("email").asText()).isEqualTo("a@example.com");
        assertThat(body.get("aor").asText()).isEqualTo("sip:101@" + DOMAIN);
        assertThat(body.has("password")).isFalse();
        assertThat(r.body()).doesNotContain("s3cret-101");
        assertThat(directory.sipSecret("101")).contains("s3cret-101");

        Response again = admin.get("/api/v1/users/101");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).doesNotContain("s3cret-101");
        assertThat(again.json().get("displayName").asText()).isEqualTo("Alice");
    }

    @Test
    void aDuplicateExtensionIsAConflict() {
        assertThat(admin.post("/api/v1/users", user("102", "Bob", "s3cret-102", null)).status()).isEqualTo(201);

        Response r = admin.post("/api/v1/users", user("102", "Bob Again", "s3cret-102", null));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("duplicate");
        assertThat(r.json().get("message").asText()).contains("102");
        assertThat(directory.find("102")).hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Bob"));
    }

    @Test
    void invalidInputNamesEveryBadField() {
        Response r = admin.post("/api/v1/users", user("1x", "", "short", "not-an-email"));

        assertThat(r.status()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.get("error").asText()).isEqualTo("invalid input");
        assertThat(body.get("fields").get("extension").asText()).isEqualTo("must be 2 to 12 digits");
        assertThat(body.get("fields").get("displayName").asText()).isNotBlank();
        assertThat(body.get("fields").get("password").asText()).isNotBlank();
        assertThat(body.get("fields").get("email").asText()).isNotBlank();
        assertThat(directory.exists("1x")).isFalse();
        assertNoStackTrace(r);
    }

    @Test
    void malformedOrMissingBodiesAreBadRequests() {
        Response broken = admin.post("/api/v1/users", "{\"extension\": \"103\", ");
        Response empty = admin.post("/api/v1/users", "");
        Response wrongShape = admin.post("/api/v1/users", "[1, 2]");
        Response notJson = admin.send("POST", "/api/v1/users", "extension=103", "application/x-www-form-urlencoded");

        for (Response r : new Response[] {broken, empty, wrongShape}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("malformed request");
            assertNoStackTrace(r);
        }
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.json().get("message").asText()).contains("application/json");
        assertThat(directory.exists("103")).isFalse();
    }

    @Test
    void listsUsersInExtensionOrder() {
        admin.post("/api/v1/users", user("202", "Dora", "s3cret-202", null));
        admin.post("/api/v1/users", user("201", "Carl", "s3cret-201", null));

        Response r = admin.get("/api/v1/users");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        java.util.List<String> extensions = new java.util.ArrayList<>();
        r.json().forEach(u -> extensions.add(u.get("extension").asText()));
        assertThat(extensions).contains("201", "202").isSorted();
        assertThat(r.body()).doesNotContain("s3cret");
    }

    @Test
    void updateWithoutPasswordKeepsTheSecret() {
        admin.post("/api/v1/users", user("301", "Erin", "s3cret-301", "e@example.com"));

        Response r = admin.put("/api/v1/users/301", "{\"displayName\":\"Erin Smith\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isEqualTo("Erin Smith");
        assertThat(r.json().has("email")).as("email left out of a PUT is cleared").isFalse();
        assertThat(directory.sipSecret("301")).contains("s3cret-301");

        Response withPassword = admin.put("/api/v1/users/301",
                "{\"displayName\":\"Erin Smith\",\"password\":\"n3w-secret-301\"}");
        assertThat(withPassword.status()).isEqualTo(200);
        assertThat(withPassword.body()).doesNotContain("n3w-secret-301");
        assertThat(directory.sipSecret("301")).contains("n3w-secret-301");
    }

    @Test
    void updateRejectsBadInputAndUnknownUsers() {
        admin.post("/api/v1/users", user("302", "Finn", "s3cret-302", null));

        Response blankName = admin.put("/api/v1/users/302", "{\"displayName\":\" \"}");
        Response renamed = admin.put("/api/v1/users/302", "{\"extension\":\"303\",\"displayName\":\"Finn\"}");
        Response unknown = admin.put("/api/v1/users/399", "{\"displayName\":\"Nobody\"}");

        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.json().get("fields").get("displayName").asText()).isEqualTo("is required");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("fields").get("extension").asText()).contains("cannot be changed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not found");
        assertThat(directory.find("302")).hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Finn"));
    }

    @Test
    void deleteRemovesTheUser() {
        admin.post("/api/v1/users", user("401", "Gina", "s3cret-401", null));

        Response r = admin.delete("/api/v1/users/401");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(admin.get("/api/v1/users/401").status()).isEqualTo(404);
        Response again = admin.delete("/api/v1/users/401");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asText()).contains("401");
        assertThat(directory.exists("401")).isFalse();
    }

    @Test
    void unknownUserIsNotFound() {
        Response r = admin.get("/api/v1/users/98765");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not found");
        assertThat(r.json().get("message").asText()).contains("98765");
    }

    @Test
    void missingOrWrongCredentialsAre401WithAJsonBody() {
        Response none = anonymous.get("/api/v1/users");
        Response wrong = anonymous.as("admin", "not-the-password").get("/api/v1/users");
        Response unknown = anonymous.as("nobody", ADMIN_PASSWORD).post("/api/v1/users",
                user("501", "Hal", "s3cret-501", null));

        for (Response r : new Response[] {none, wrong, unknown}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
            assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
            assertNoStackTrace(r);
        }
        assertThat(directory.exists("501")).isFalse();
    }

    @Test
    void failedLoginsAreReportedAndABannedAddressIsRefused() {
        for (int i = 0; i < FakeBanRegistry.THRESHOLD; i++) {
            assertThat(anonymous.as("admin", "guess-" + i).get("/api/v1/users").status()).isEqualTo(401);
        }
        assertThat(bans.recorded()).hasSize(FakeBanRegistry.THRESHOLD)
                .allSatisfy(f -> assertThat(f).startsWith("127.0.0.1 "));

        Response refused = admin.get("/api/v1/users");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("banned");
        assertThat(refused.json().get("message").asText()).contains("127.0.0.1");
        assertThat(anonymous.get("/actuator/health").status()).as("health stays open").isEqualTo(200);
    }

    @Test
    void operatorsMayOnlyRead() {
        if (accounts.find("operator").isEmpty()) {
            accounts.create("operator", "operator-secret", AdminRole.OPERATOR, false);
        }
        admin.post("/api/v1/users", user("601", "Ivy", "s3cret-601", null));
        ApiClient operator = anonymous.as("operator", "operator-secret");

        assertThat(operator.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/users/601").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/registrations").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/bans").status()).isEqualTo(200);
        Response post = operator.post("/api/v1/users", user("602", "Jon", "s3cret-602", null));
        Response put = operator.put("/api/v1/users/601", "{\"displayName\":\"Changed\"}");
        Response delete = operator.delete("/api/v1/users/601");
        for (Response r : new Response[] {post, put, delete}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("forbidden");
            assertThat(r.json().get("message").asText()).contains("ADMIN");
        }
        assertThat(directory.exists("602")).isFalse();
        assertThat(directory.find("601")).hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Ivy"));
    }

    @Test
    void listsCurrentRegistrations() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        locations.add(binding("701", "sip:701@192.168.1.20:5060", "203.0.113.5", 40000, "udp", now.plusSeconds(3600), now));
        locations.add(binding("701", "sip:701@10.0.0.9:5062;transport=tcp", "203.0.113.6", 40001, "tcp", now.plusSeconds(600), now));
        locations.add(binding("702", "sip:702@192.168.1.21:5060", "203.0.113.7", 5060, "udp", now.plusSeconds(120), now));
        locations.add(binding("703", "sip:703@192.168.1.22:5060", "203.0.113.8", 5060, "udp", now.minusSeconds(1), now));

        Response all = admin.get("/api/v1/registrations");
        Response one = admin.get("/api/v1/registrations?extension=701");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().size()).as("expired bindings are not listed").isEqualTo(3);
        assertThat(one.json().size()).isEqualTo(2);
        JsonNode first = null;
        for (JsonNode b : one.json()) {
            if (b.get("transport").asText().equals("udp")) first = b;
        }
        assertThat(first).isNotNull();
        assertThat(first.get("aor").asText()).isEqualTo("sip:701@" + DOMAIN);
        assertThat(first.get("contact").asText()).isEqualTo("sip:701@192.168.1.20:5060");
        assertThat(first.get("sourceAddress").asText()).isEqualTo("203.0.113.5");
        assertThat(first.get("sourcePort").asInt()).isEqualTo(40000);
        assertThat(first.get("userAgent").asText()).isEqualTo("TestPhone/1.0");
        assertThat(first.get("expires").asLong()).isBetween(3500L, 3600L);
        assertThat(Instant.parse(first.get("expiresAt").asText())).isEqualTo(now.plusSeconds(3600));
        assertThat(admin.get("/api/v1/registrations?extension=799").json().size()).isZero();
    }

    @Test
    void listsAndLiftsBans() {
        bans.ban("192.0.2.7", "sip digest", 5);
        bans.ban("2001:db8::7", "api login", 3);

        Response list = admin.get("/api/v1/bans");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.json().get(0).get("address").asText()).isEqualTo("192.0.2.7");
        assertThat(list.json().get(0).get("reason").asText()).isEqualTo("sip digest");
        assertThat(list.json().get(0).get("failures").asInt()).isEqualTo(5);
        assertThat(list.json().get(0).get("until").asText()).isNotBlank();

        assertThat(admin.delete("/api/v1/bans/192.0.2.7").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/bans/2001:db8::7").status()).isEqualTo(204);
        assertThat(bans.isBanned("192.0.2.7")).isFalse();
        assertThat(bans.isBanned("2001:db8::7")).isFalse();
        Response again = admin.delete("/api/v1/bans/192.0.2.7");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asText()).contains("not banned");
    }

    @Test
    void healthIsPublicAndUp() {
        Response r = anonymous.get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void everythingElseIsClosed() {
        Response anonymousRoot = anonymous.get("/");
        Response adminRoot = admin.get("/");
        Response noSuchResource = admin.get("/api/v1/nothing-here");
        Response wrongMethod = admin.send("PATCH", "/api/v1/users", "{}", "application/json");

        assertThat(anonymousRoot.status()).isEqualTo(401);
        assertThat(adminRoot.status()).isEqualTo(403);
        assertThat(adminRoot.json().get("message").asText()).contains("/api/v1");
        assertThat(noSuchResource.status()).isEqualTo(404);
        assertThat(noSuchResource.json().get("error").asText()).isEqualTo("not found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        for (Response r : new Response[] {anonymousRoot, adminRoot, noSuchResource, wrongMethod}) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void theInitialAdminComesFromTheConfiguredPassword() {
        assertThat(accounts.find("admin")).hasValueSatisfying(a -> {
            assertThat(a.role()).isEqualTo(AdminRole.ADMIN);
            assertThat(a.mustChangePassword()).as("an operator-chosen password need not be changed").isFalse();
        });
    }

    private static Binding binding(String ext, String contact, String source, int port, String transport,
                                   Instant expiresAt, Instant registeredAt) {
        return new Binding(ext, contact, "call-" + ext + "-" + port, 1, expiresAt, 1000, source, port, transport,
                "TestPhone/1.0", null, 0, registeredAt);
    }
}
