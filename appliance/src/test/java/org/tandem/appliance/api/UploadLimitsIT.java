package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.operations.backup.Backups;
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
 * The API bodies go over raw sockets: the test sees exactly which bytes were sent and what came back.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own properties: its own appliance
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

    private String authorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A declared Content-Length above the limit, with {@code Expect: 100-continue} as curl sends it: the answer
     * must be the 413 itself (not "100 Continue"), so not one byte of the body was ever sent or read.
     */
    private String declared(String method, String path, String contentType, long size) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                                    + authorization() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                                    + size
                                    + "\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return String.valueOf(new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine());
        }
    }

    /**
     * A chunked body (no length to check first) over a raw socket, as a client that keeps sending would: the
     * server reads up to the limit, answers 413 and closes; the answer's status line is returned.
     */
    private String chunked(String method, String path, String contentType, long size) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                            + Base64.getEncoder()
                                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))
                            + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write(head);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedByServer) {
                // the server stopped reading at its limit: its answer is waiting to be read
            }
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return String.valueOf(in.readLine());
        }
    }

    @Test
    void aPromptAboveTwentyMegabytesIsRefusedDeclaredOrChunked() throws Exception {
        assertThat(declared("PUT", "/api/v1/prompts/too-long", "audio/wav", 21 * MB))
                .startsWith("HTTP/1.1 413");
        assertThat(chunked("PUT", "/api/v1/prompts/too-long", "audio/wav", 21 * MB))
                .startsWith("HTTP/1.1 413");
        assertThat(prompts.exists("too-long")).isFalse();
    }

    @Test
    void aCsvImportAboveFiveMegabytesIsRefused() throws Exception {
        assertThat(declared("POST", "/api/v1/users/import", "text/csv", 6 * MB)).startsWith("HTTP/1.1 413");
        assertThat(chunked("POST", "/api/v1/users/import", "text/csv", 6 * MB)).startsWith("HTTP/1.1 413");
    }

    @Test
    void aRestoreAboveItsLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        assertThat(declared("POST", "/api/v1/restore", "application/zip", 3 * MB))
                .startsWith("HTTP/1.1 413");
        assertThat(chunked("POST", "/api/v1/restore", "application/zip", 3 * MB))
                .startsWith("HTTP/1.1 413");
        assertThat(backups.progress().phase().name()).as("no restore started").isNotEqualTo("VERIFYING");
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("upload.zip"))
                            .toList())
                    .as("the part read was deleted")
                    .isEmpty();
        }
    }

    @Test
    void aJsonBodyAboveOneMegabyteIsRefused() throws Exception {
        assertThat(declared("POST", "/api/v1/users", "application/json", 2 * MB))
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void aGreetingAboveTwentyMegabytesFromThePortalPageIsRefusedByTheServer(@TempDir Path work) throws Exception {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        directory.create(new UserDraft("741", "Gus Greeting", "sip-secret-741", null));
        webPasswords.set("741", "gus-portal-pw1");
        try (Browser gus =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("b")))) {
            gus.logIn("741", "gus-portal-pw1");
            gus.awaitPath("/me");
            gus.click("tab-voicemail");
            gus.awaitText("vm-greeting-unavailable-state", "none");
            // what a modified page (or curl with the session) sends: past the page's own 20 MB check
            Object status = gus.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "const up = document.getElementById('vm-greeting-unavailable-upload');"
                            + "const form = new FormData();"
                            + "form.append('file', new Blob([new Uint8Array(25 * 1024 * 1024)], {type: 'audio/wav'}), 'big.wav');"
                            + "fetch(up.target, {method: 'POST', body: form}).then(r => done(r.status), e => done('failed: ' + e));");
            assertThat(status).isEqualTo(413L);
            // a round trip (to another tab and back): the page then shows what the server said meanwhile
            gus.click("portal-password-tab");
            gus.click("tab-voicemail");
            gus.awaitText("vm-greeting-unavailable-error", "larger than 20 MB");
            assertThat(greetings.file("741", Greeting.UNAVAILABLE)).isEmpty();
        }
    }
}
