package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.SystemHealth;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.appliance.testsupport.FakeBanRegistry;
import org.tandem.appliance.testsupport.TlsProbe;
import org.tandem.pbx.registrar.Binding;

/**
 * Authentication and roles, registrations, bans, health and SIP-TLS, on top of the users and CDR contracts
 * (one Spring context per database runs both).
 */
abstract class AbstractApiIT extends TrunksApiContract {

    @Test
    void missingOrWrongCredentialsAre401WithAJsonBody() {
        Response none = anonymous.get("/api/v1/users");
        Response wrong = anonymous.as("admin", "not-the-password").get("/api/v1/users");
        Response unknown =
                anonymous.as("nobody", ADMIN_PASSWORD).post("/api/v1/users", user("501", "Hal", "s3cret-501", null));

        for (Response r : new Response[] {none, wrong, unknown}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
            assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
            assertNoStackTrace(r);
        }
        assertThat(directory.exists("501")).isFalse();
    }

    @Test
    void failedLoginsAreReportedAndABannedAddressIsRefused() {
        for (int i = 0; i < FakeBanRegistry.THRESHOLD; i++) {
            assertThat(anonymous.as("admin", "guess-" + i).get("/api/v1/users").status())
                    .isEqualTo(401);
        }
        assertThat(bans.recorded())
                .hasSize(FakeBanRegistry.THRESHOLD)
                .allSatisfy(f -> assertThat(f).startsWith("127.0.0.1 "));

        Response refused = admin.get("/api/v1/users");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("banned");
        assertThat(refused.json().get("message").asText()).contains("127.0.0.1");
        assertThat(anonymous.get("/actuator/health").status())
                .as("health stays open")
                .isEqualTo(200);
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
        assertThat(directory.find("601"))
                .hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Ivy"));
    }

    @Test
    void listsCurrentRegistrations() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        locations.add(
                binding("701", "sip:701@192.168.1.20:5060", "203.0.113.5", 40000, "udp", now.plusSeconds(3600), now));
        locations.add(binding(
                "701", "sip:701@10.0.0.9:5062;transport=tcp", "203.0.113.6", 40001, "tcp", now.plusSeconds(600), now));
        locations.add(
                binding("702", "sip:702@192.168.1.21:5060", "203.0.113.7", 5060, "udp", now.plusSeconds(120), now));
        locations.add(
                binding("703", "sip:703@192.168.1.22:5060", "203.0.113.8", 5060, "udp", now.minusSeconds(1), now));

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
        assertThat(admin.get("/api/v1/registrations?extension=799").json().size())
                .isZero();
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
    void healthIsPublicAndUpWithSipAndDatabaseUp() {
        Response r = anonymous.get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
        assertThat(r.body()).as("details stay private").doesNotContain("sipStack");
        SystemHealth health = (SystemHealth) healthEndpoint.health();
        assertThat(health.getComponents()).containsKeys("sipStack", "sipDispatch", "db");
        assertThat(health.getComponents().get("sipStack").getStatus()).isEqualTo(Status.UP);
        assertThat(health.getComponents().get("db").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void everythingElseIsClosed() {
        Response anonymousRoot = anonymous.get("/");
        Response basicAuthRoot = admin.get("/");
        Response outsideV1 = admin.get("/api/v0/users");
        Response noSuchResource = admin.get("/api/v1/nothing-here");
        Response wrongMethod = admin.send("PATCH", "/api/v1/users", "{}", "application/json");

        // the web UI is a browser session of its own: HTTP Basic credentials do not open it
        assertThat(anonymousRoot.status()).isEqualTo(302);
        assertThat(anonymousRoot.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(basicAuthRoot.status()).isEqualTo(302);
        assertThat(basicAuthRoot.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(outsideV1.status()).isEqualTo(403);
        assertThat(outsideV1.json().get("message").asText()).contains("/api/v1");
        assertThat(noSuchResource.status()).isEqualTo(404);
        assertThat(noSuchResource.json().get("error").asText()).isEqualTo("not found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        for (Response r : new Response[] {anonymousRoot, basicAuthRoot, outsideV1, noSuchResource, wrongMethod}) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void anAccountChangesItsOwnPassword() {
        accounts.create("changer", "first-password", AdminRole.OPERATOR, true);
        ApiClient before = anonymous.as("changer", "first-password");
        assertThat(before.get("/api/v1/account")
                        .json()
                        .get("mustChangePassword")
                        .asBoolean())
                .isTrue();

        // the current password is part of the change since issue 22 (OWASP ASVS V2.1.6)
        Response tooShort = before.put(
                "/api/v1/account/password", "{\"currentPassword\":\"first-password\",\"password\":\"short\"}");
        Response changed = before.put(
                "/api/v1/account/password",
                "{\"currentPassword\":\"first-password\",\"password\":\"second-password\"}");

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("fields").get("password").asText()).contains("at least 8");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(before.get("/api/v1/account").status()).isEqualTo(401);
        Response me = anonymous.as("changer", "second-password").get("/api/v1/account");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("changer");
        assertThat(me.json().get("role").asText()).isEqualTo("OPERATOR");
        assertThat(me.json().get("mustChangePassword").asBoolean()).isFalse();
        assertThat(me.body()).doesNotContain("password\":").doesNotContain("$2a$");
    }

    @Test
    void theInitialAdminComesFromTheConfiguredPassword() {
        assertThat(accounts.find("admin")).hasValueSatisfying(a -> {
            assertThat(a.role()).isEqualTo(AdminRole.ADMIN);
            assertThat(a.mustChangePassword())
                    .as("an operator-chosen password need not be changed")
                    .isFalse();
        });
    }

    @Test
    void sipTlsServesTheSelfSignedCertificateFromTheDataDir() throws Exception {
        assertThat(sip.hasTransport("tls")).isTrue();
        assertThat(keystore.path()).isEqualTo(dataDir.resolve("tls/sip.p12"));
        X509Certificate presented =
                TlsProbe.serverCertificate("127.0.0.1", sip.properties().tlsPort());

        assertThat(presented).isEqualTo(keystore.certificate());
        assertThat(presented.getSubjectX500Principal().getName()).contains("CN=" + DOMAIN);
    }

    private static Binding binding(
            String ext,
            String contact,
            String source,
            int port,
            String transport,
            Instant expiresAt,
            Instant registeredAt) {
        return new Binding(
                ext,
                contact,
                "call-" + ext + "-" + port,
                1,
                expiresAt,
                1000,
                source,
                port,
                transport,
                "TestPhone/1.0",
                null,
                0,
                registeredAt);
    }

    /** The wizard's settings over the API (issue 20: the public address for NAT can be set without the UI). */
    @Test
    void theSetupIsReadAndChangedOverTheApiAndTheExternalAddressAppliesAtOnce() {
        var before = admin.get("/api/v1/setup").json();
        String domain = before.get("sipDomain").asText();
        Response bad = admin.put(
                "/api/v1/setup",
                "{\"sipDomain\":\"pbx.example.com\",\"timeZone\":\"Mars/Olympus\","
                        + "\"externalHost\":\"not a host!\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("externalHost").asText()).contains("public IP address or host name");
        assertThat(bad.json().get("fields").get("timeZone").asText()).contains("Europe/Berlin");
        assertThat(bad.json().get("fields").has("sipDomain")).isFalse();

        Response ok = admin.put(
                "/api/v1/setup",
                "{\"sipDomain\":\"" + domain + "\",\"timeZone\":\"UTC\","
                        + "\"externalHost\":\"203.0.113.10\",\"smtpHost\":\"mail.example.com\",\"smtpPort\":587,"
                        + "\"smtpPassword\":\"smtp-secret\",\"mailFrom\":\"pbx@example.com\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("externalHostInForce").asText()).isEqualTo("203.0.113.10");
        assertThat(external.host()).contains("203.0.113.10");

        // GET never shows the SMTP password; a PUT without one keeps it
        Response read = admin.get("/api/v1/setup");
        assertThat(read.body()).doesNotContain("smtp-secret");
        assertThat(read.json().get("smtpPasswordSet").asBoolean()).isTrue();
        assertThat(read.json().get("done").asBoolean()).isTrue();
        Response cleared = admin.put(
                "/api/v1/setup",
                "{\"sipDomain\":\"" + domain + "\",\"timeZone\":\"UTC\","
                        + "\"smtpHost\":\"mail.example.com\",\"mailFrom\":\"pbx@example.com\"}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("smtpPasswordSet").asBoolean()).isTrue();
        assertThat(cleared.json().path("externalHost").asText(null))
                .as("absent: none saved")
                .isNull();
        assertThat(external.host())
                .as("no saved address: the startup one (none here)")
                .isEmpty();
        assertThat(anonymous.get("/api/v1/setup").status()).isEqualTo(401);
        setup.save(new org.tandem.pbx.setup.SetupSettings(
                domain,
                before.get("timeZone").asText(),
                null,
                null,
                587,
                null,
                null,
                null,
                true)); // as the other tests of this context found it
    }
}
