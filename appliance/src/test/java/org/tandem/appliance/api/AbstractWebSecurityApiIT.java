package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, finding 6 (CSRF on the REST API) over HTTP with the exact headers Chromium sends for another site's
 * form POST (cached Basic credentials, {@code Origin}, {@code Sec-Fetch-*}); the same attack in a real browser is
 * in {@code blackbox.CsrfBrowserIT}. Also: scripts keep working unchanged, and API tokens. Run once per database
 * by the subclasses ({@code api_token}, V16).
 */
abstract class AbstractWebSecurityApiIT extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Reply send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What Chromium adds to a form POST that a page of http://evil.example sends to the appliance. */
    private String[] crossSiteForm(String... more) {
        String[] browser = {
            "Authorization",
            basic("admin", ADMIN_PASSWORD),
            "Origin",
            "http://evil.example",
            "Referer",
            "http://evil.example/",
            "Sec-Fetch-Site",
            "cross-site",
            "Sec-Fetch-Mode",
            "navigate",
            "Sec-Fetch-Dest",
            "document",
            "Sec-Fetch-User",
            "?1"
        };
        String[] all = java.util.Arrays.copyOf(browser, browser.length + more.length);
        System.arraycopy(more, 0, all, browser.length, more.length);
        return all;
    }

    @Test
    void aCrossSiteTextPlainFormPostToTheImportIsRefusedAndCreatesNoUser() throws Exception {
        // <form enctype="text/plain"><input name="extension,name,sip_password&#10;6601,Evil,attacker-secret-"
        // value="1">
        String body = "extension,name,sip_password\r\n6601,Evil,attacker-secret-=1\r\n";
        Reply r = send("POST", "/api/v1/users/import", "text/plain", body, crossSiteForm());

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("cross-site request refused");
        assertThat(directory.exists("6601")).as("no user created").isFalse();
    }

    @Test
    void aTextPlainBodyIsRefusedWith415EvenWithTheHeader() throws Exception {
        String body = "extension,name,sip_password\r\n6602,Evil,attacker-secret-=1\r\n";
        Reply r = send(
                "POST",
                "/api/v1/users/import",
                "text/plain",
                body,
                "Authorization",
                basic("admin", ADMIN_PASSWORD),
                "X-Tandem-Api",
                "1");

        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.json().get("message").asText()).contains("text/csv");
        assertThat(directory.exists("6602")).isFalse();
        assertThat(send("POST", "/api/v1/restore", "text/plain", "PK", "Authorization", basic("admin", ADMIN_PASSWORD))
                        .status())
                .isEqualTo(415);
        assertThat(send(
                                "PUT",
                                "/api/v1/prompts/evil",
                                "application/x-www-form-urlencoded",
                                "a=b",
                                "Authorization",
                                basic("admin", ADMIN_PASSWORD))
                        .status())
                .isEqualTo(415);
    }

    @Test
    void crossSiteFormsToJsonEndpointsAndBodilessActionsAreRefused() throws Exception {
        Reply form = send(
                "POST",
                "/api/v1/users",
                "application/x-www-form-urlencoded",
                "extension=6603&displayName=Evil&password=attacker-secret-1",
                crossSiteForm());
        assertThat(form.status()).isEqualTo(403);
        Reply delete = send("DELETE", "/api/v1/bans/192.0.2.9", null, null, crossSiteForm());
        assertThat(delete.status())
                .as("a fetch() from another site (no custom header allowed without CORS)")
                .isEqualTo(403);
        Reply cookie = send(
                "POST",
                "/api/v1/users",
                "application/json",
                user("6604", "Evil", "attacker-secret-1", null),
                "Authorization",
                basic("admin", ADMIN_PASSWORD),
                "Cookie",
                "JSESSIONID=abc");
        assertThat(cookie.status()).as("a request with the browser's cookies").isEqualTo(403);
        assertThat(directory.exists("6603")).isFalse();
        assertThat(directory.exists("6604")).isFalse();
    }

    @Test
    void scriptsWithoutBrowserHeadersAndBrowsersWithTheHeaderStillWork() throws Exception {
        // the README's curl: -u admin:PW -H 'Content-Type: application/json' -d ...
        assertThat(admin.post("/api/v1/users", user("6605", "Curl", "a-long-sip-secret", null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.send("POST", "/api/v1/users/import", "extension,name\n6606,Csv\n", "text/csv")
                        .status())
                .isEqualTo(200);
        Reply page = send(
                "POST",
                "/api/v1/users",
                "application/json",
                user("6607", "Page", "a-long-sip-secret", null),
                "Authorization",
                basic("admin", ADMIN_PASSWORD),
                "Origin",
                "http://127.0.0.1:" + port,
                "Sec-Fetch-Site",
                "same-origin",
                "Sec-Fetch-Mode",
                "cors",
                "X-Tandem-Api",
                "1");
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/users/6607", null, null, crossSiteForm())
                        .status())
                .as("reading changes nothing")
                .isEqualTo(200);
    }

    @Test
    void anApiTokenWorksUntilRevokedAndIsStoredOnlyAsAHash() throws Exception {
        Reply created = send(
                "POST",
                "/api/v1/tokens",
                "application/json",
                "{\"name\":\"nightly\",\"role\":\"OPERATOR\"}",
                "Authorization",
                basic("admin", ADMIN_PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(token).startsWith("tdm_");
        assertThat(admin.get("/api/v1/tokens").body()).contains("nightly").doesNotContain(token);

        String bearer = "Bearer " + token;
        assertThat(send("GET", "/api/v1/users", null, null, "Authorization", bearer)
                        .status())
                .isEqualTo(200);
        assertThat(send(
                                "POST",
                                "/api/v1/users",
                                "application/json",
                                user("6608", "Tok", "a-long-sip-secret", null),
                                "Authorization",
                                bearer)
                        .status())
                .as("an OPERATOR token only reads")
                .isEqualTo(403);

        Reply adminToken = send(
                "POST",
                "/api/v1/tokens",
                "application/json",
                "{\"name\":\"provisioner\"}",
                "Authorization",
                basic("admin", ADMIN_PASSWORD));
        String admins = "Bearer " + adminToken.json().get("token").asText();
        assertThat(send(
                                "POST",
                                "/api/v1/users",
                                "application/json",
                                user("6609", "Tok", "a-long-sip-secret", null),
                                "Authorization",
                                admins,
                                "Origin",
                                "http://evil.example")
                        .status())
                .as("a bearer token is never sent by a browser on its own: no CSRF")
                .isEqualTo(201);
        assertThat(send("POST", "/api/v1/tokens", "application/json", "{\"name\":\"child\"}", "Authorization", admins)
                        .status())
                .as("a token cannot make tokens")
                .isEqualTo(403);

        assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/users", null, null, "Authorization", bearer)
                        .status())
                .isEqualTo(401);
        assertThat(bans.recorded()).isNotEmpty();
    }

    /** Issue 22 (Low, OPERATOR role gaps): an OPERATOR reads, and reaches nothing that changes or leaks secrets. */
    @Test
    void anOperatorCannotReachAdminOnlyEndpoints() throws Exception {
        if (accounts.find("watcher").isEmpty()) {
            accounts.create("watcher", "watcher-password-1", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
        }
        String op = basic("watcher", "watcher-password-1");
        assertThat(send("GET", "/api/v1/users", null, null, "Authorization", op).status())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/backup", null, null, "Authorization", op)
                        .status())
                .as("every secret")
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/restore", "application/zip", "PK", "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/api/v1/tokens",
                                "application/json",
                                "{\"name\":\"mine\",\"role\":\"OPERATOR\"}",
                                "Authorization",
                                op)
                        .status())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/users/import", "text/csv", "extension,name\n6621,X\n", "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(send("PUT", "/api/v1/prompts/x", "audio/wav", "RIFF", "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/bans/192.0.2.1", null, null, "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(send("PUT", "/api/v1/setup", "application/json", "{}", "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/settings/smtp/test", "application/json", "{}", "Authorization", op)
                        .status())
                .isEqualTo(403);
        assertThat(directory.exists("6621")).isFalse();
    }
}
