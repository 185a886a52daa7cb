package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.pbx.backup.Backups;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.voicemail.Greeting;
import org.tandem.pbx.voicemail.VoicemailGreetings;

/**
 * Issue 22, finding 8: every upload's size limit holds on the server, whatever the browser was told. Bodies
 * above it get 413: a declared Content-Length before a byte is read (with {@code Expect: 100-continue}, as curl
 * sends, the body never leaves the client), a chunked one at the limit. The greeting is uploaded from the portal
 * page itself (a real Chromium posting past the page's own 20 MB check). Restore runs with a 2 MB limit here.
 */
class UploadLimitsIT extends ApiTestBase {

    private static final long MB = 1 << 20;

    @DynamicPropertySource
    static void smallRestore(DynamicPropertyRegistry registry) {
        registry.add("tandem.uploads.restore", () -> "2MB");
    }

    @Autowired
    Prompts prompts;
    @Autowired
    Backups backups;
    @Autowired
    WebPasswords webPasswords;
    @Autowired
    VoicemailGreetings greetings;

    /** {@code size} zero bytes, made as they are sent (never held whole here either). */
    private static HttpRequest.BodyPublisher zeros(long size, boolean declared) {
        java.util.function.Supplier<InputStream> stream = () -> new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(stream);
        return declared ? HttpRequest.BodyPublishers.fromPublisher(chunked, size) : chunked;
    }

    private HttpResponse<String> upload(String method, String path, String contentType, long size, boolean declared)
            throws Exception {
        // a client per upload: the server closes the connection after refusing a body it did not read
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).expectContinue(true)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType).method(method, zeros(size, declared)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPromptAboveTwentyMegabytesIsRefusedDeclaredOrChunked() throws Exception {
        HttpResponse<String> declared = upload("PUT", "/api/v1/prompts/too-long", "audio/wav", 21 * MB, true);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        assertThat(declared.body()).contains("20 MB");
        HttpResponse<String> chunked = upload("PUT", "/api/v1/prompts/too-long", "audio/wav", 20 * MB + 4096, false);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(prompts.exists("too-long")).isFalse();
    }

    @Test
    void aCsvImportAboveFiveMegabytesIsRefused() throws Exception {
        HttpResponse<String> declared = upload("POST", "/api/v1/users/import", "text/csv", 6 * MB, true);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        HttpResponse<String> chunked = upload("POST", "/api/v1/users/import", "text/csv", 5 * MB + 4096, false);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    }

    @Test
    void aRestoreAboveItsLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        HttpResponse<String> declared = upload("POST", "/api/v1/restore", "application/zip", 3 * MB, true);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        HttpResponse<String> chunked = upload("POST", "/api/v1/restore", "application/zip", 2 * MB + 4096, false);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(backups.progress().phase().name()).as("no restore started").isNotEqualTo("VERIFYING");
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("upload.zip")).toList())
                    .as("the part read was deleted").isEmpty();
        }
    }

    @Test
    void aJsonBodyAboveOneMegabyteIsRefused() throws Exception {
        HttpResponse<String> r = upload("POST", "/api/v1/users", "application/json", 2 * MB, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    }

    @Test
    void aGreetingAboveTwentyMegabytesFromThePortalPageIsRefusedByTheServer(@TempDir Path work) throws Exception {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        directory.create(new UserDraft("741", "Gus Greeting", "sip-secret-741", null));
        webPasswords.set("741", "gus-portal-pw1");
        try (Browser gus = new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("b")))) {
            gus.logIn("741", "gus-portal-pw1");
            gus.awaitPath("/me");
            gus.click("tab-voicemail");
            gus.awaitText("vm-greeting-unavailable-state", "none");
            // what a modified page (or curl with the session) sends: past the page's own 20 MB check
            Object status = gus.asyncScript("const done = arguments[arguments.length - 1];"
                    + "const up = document.getElementById('vm-greeting-unavailable-upload');"
                    + "const form = new FormData();"
                    + "form.append('file', new Blob([new Uint8Array(25 * 1024 * 1024)], {type: 'audio/wav'}), 'big.wav');"
                    + "fetch(up.target, {method: 'POST', body: form}).then(r => done(r.status), e => done('failed: ' + e));");
            assertThat(status).isEqualTo(413L);
            gus.click("tab-voicemail"); // a round trip: the page shows what the server said meanwhile
            gus.awaitText("vm-greeting-unavailable-error", "larger than 20 MB");
            assertThat(greetings.file("741", Greeting.UNAVAILABLE)).isEmpty();
        }
    }
}
