package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tandem.appliance.backup.CorruptArchives;

/**
 * Backup and restore against the built jar: a backup downloaded over the API from one appliance is
 * restored into a second, fresh one (over the API, then in the browser with the progress bar), after
 * which a SIPp REGISTER with the old credentials gets 200; a corrupt archive uploaded in the browser is
 * refused with its reason and changes nothing. Also the users page's CSV import in the browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {

    @RegisterExtension
    // own appliance: a restore replaces the whole database and restarts the appliance
    static final TandemExtension source = new TandemExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TandemProcess target;
    /** The admin password of the target once the source's accounts are restored into it. */
    private static String restoredAdmin;

    @BeforeAll
    static void startASecondFreshAppliance() throws IOException {
        Path work = Path.of("target", "blackbox", "BackupRestoreIT-target").toAbsolutePath();
        if (Files.exists(work)) {
            try (var walk = Files.walk(work)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        Files.createDirectories(work);
        target = new TandemProcess(work, TandemExtension.DOMAIN, List.of());
        target.start();
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) target.close();
    }

    @Test
    @Order(1)
    void aBackupDownloadedOverTheApiRestoresIntoASecondJarAndTheOldSipPasswordRegisters() throws Exception {
        source.api().createUser("401", "Ida Backup", "ida-sip-secret-1");
        byte[] archive = download(source.process());

        HttpResponse<String> posted = post(target, target.adminPassword(), archive);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        restoredAdmin = source.process().adminPassword();
        JsonNode done = awaitPhase(target, restoredAdmin, "DONE", Duration.ofSeconds(120));
        assertThat(done.get("message").asText()).contains("Restored the backup");

        Sipp.scenario("register", "uac.xml")
                .against(target)
                .service("401")
                .credentials("401", "ida-sip-secret-1")
                .key("expires", "600")
                .runAndAssertSuccess();
        assertThat(target.logTail(400))
                .as("the restart happened in the same process")
                .contains("Restarting the appliance");
    }

    @Test
    @Order(2)
    void aCorruptArchiveUploadedInTheBrowserIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        assumeTrue(Browser.installed() || System.getenv("CI") != null, "chromium and chromium-driver not installed");
        byte[] archive = download(source.process());
        // a flipped byte in the database dump's data (a byte at a random offset could land in an entry's
        // name or the zip's directory instead, each refused with another reason)
        archive = CorruptArchives.flipByteIn(archive, "database.json");
        Path corrupt = target.workDir().resolve("corrupt-backup.zip");
        Files.write(corrupt, archive);
        try (Browser browser = new Browser(target)) {
            browser.logIn(TandemProcess.ADMIN_USER, restoredAdmin);
            browser.awaitPath("/");
            browser.open("/backup");
            upload(browser, "restore-upload", corrupt);
            browser.awaitText("restore-refusal", "Refused, nothing was changed");
            assertThat(browser.text("restore-refusal")).contains("damaged");
            browser.screenshot(WebShots.file(target, "backup-refused"));
        }
        assertThat(status(target, restoredAdmin).get("phase").asText()).isEqualTo("REFUSED");
        assertThat(statusOf(target, restoredAdmin, "/api/v1/users/401"))
                .as("the restored user is still there")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void theBrowserRestoresAnArchiveShowingProgressThenTheRestoredDataIsThere() throws Exception {
        assumeTrue(Browser.installed() || System.getenv("CI") != null, "chromium and chromium-driver not installed");
        source.api().createUser("402", "Jon Later", "jon-sip-secret-22");
        Path good = target.workDir().resolve("good-backup.zip");
        Files.write(good, download(source.process()));
        try (Browser browser = new Browser(target)) {
            browser.logIn(TandemProcess.ADMIN_USER, restoredAdmin);
            browser.awaitPath("/");
            browser.open("/backup");
            browser.screenshot(WebShots.file(target, "backup"));
            upload(browser, "restore-upload", good);
            // the progress bar and its phase appear while it runs (the page polls the restore's progress)
            browser.until(
                    () -> {
                        WebElement bar = browser.byId("restore-progress");
                        return bar.isDisplayed()
                                && !browser.text("restore-phase").isEmpty();
                    },
                    "the progress bar with a phase");
            browser.screenshot(WebShots.file(target, "backup-progress"));
            awaitPhase(target, restoredAdmin, "DONE", Duration.ofSeconds(120));
            // the restart ended the browser session: log in again and see the outcome. The login leads to the
            // dashboard, or back to the Backup page when the page's polling met the restarted appliance first and the
            // login remembered it (Spring Security's saved request, /backup?continue): either is a signed-in admin
            browser.logIn(TandemProcess.ADMIN_USER, restoredAdmin);
            browser.until(() -> "/".equals(browser.path()) || "/backup".equals(browser.path()), "signed in again");
            browser.open("/backup");
            browser.awaitText("restore-phase", "Restored the backup");
        }
        assertThat(statusOf(target, restoredAdmin, "/api/v1/users/402")).isEqualTo(200);
        Sipp.scenario("register", "uac.xml")
                .against(target)
                .service("402")
                .credentials("402", "jon-sip-secret-22")
                .key("expires", "600")
                .runAndAssertSuccess();
    }

    @Test
    @Order(4)
    void theUsersPageImportsACsvFileListingBadRowsFirst() throws Exception {
        assumeTrue(Browser.installed() || System.getenv("CI") != null, "chromium and chromium-driver not installed");
        Path bad = source.process().workDir().resolve("users-bad.csv");
        Files.writeString(bad, "extension,name,email\n451,Kim,kim@example.com\n45x,Lou,not-mail\n");
        Path badInGerman = source.process().workDir().resolve("benutzer-fehlerhaft.csv");
        Files.writeString(badInGerman, "extension,name,email\n453,Kai,\n453,Kay,\n454,Kim\n");
        Path good = source.process().workDir().resolve("users.csv");
        Files.writeString(good, "extension,name,email\n451,Kim,kim@example.com\n452,\"Lee, Max\",\n");
        try (Browser browser = new Browser(source.process())) {
            browser.logIn(TandemProcess.ADMIN_USER, source.process().adminPassword());
            browser.awaitPath("/");
            browser.open("/users");
            browser.click("import-users");
            upload(browser, "import-upload", bad);
            browser.awaitText("import-problems", "line 3, extension: must be 2 to 12 digits");
            assertThat(browser.text("import-problems")).contains("line 3, email: is not an e-mail address");
            assertThat(browser.text("import-summary")).contains("Nothing was imported");
            assertThat(source.api().send("GET", "/api/v1/users/451", null).status())
                    .isEqualTo(404);
            browser.screenshot(WebShots.file(source.process(), "users-import-refused"));

            // issue 18: with the page in German, each line's problem reads in German too (pbx-core's user-import.*)
            browser.click("import-close");
            usersPageIn(browser, "Deutsch", "Benutzer · Tandem");
            browser.click("import-users");
            upload(browser, "import-upload", badInGerman);
            browser.awaitText("import-problems", "Zeile 3, extension: 453 kommt doppelt vor (auch in Zeile 2)");
            assertThat(browser.text("import-problems")).contains("Zeile 4, file: hat 2 Felder, die Kopfzeile 3");
            assertThat(browser.text("import-summary")).contains("Nichts wurde importiert: 2 Probleme");
            assertThat(source.api().send("GET", "/api/v1/users/453", null).status())
                    .isEqualTo(404);
            browser.click("import-close");
            usersPageIn(browser, "English", "Users · Tandem");
            browser.click("import-users");

            upload(browser, "import-upload", good);
            browser.awaitText("import-summary", "Imported 2 users");
            String href = browser.byId("import-passwords").getAttribute("href");
            String passwords = browser.fetchText(href);
            assertThat(passwords).startsWith("extension,name,sip_password");
            String kim = passwords
                    .lines()
                    .filter(l -> l.startsWith("451,"))
                    .findFirst()
                    .orElseThrow();
            // handed out once: the link gives way to a note (issue 17, defect 12), its address hands out nothing more
            browser.awaitText("import-passwords-spent", "cannot be downloaded again");
            assertThat(browser.fetchText(href))
                    .as("handed out once")
                    .doesNotContain("451,")
                    .doesNotContain(kim.substring(kim.lastIndexOf(',') + 1));
            browser.click("import-close");
            browser.awaitText("users", "Lee, Max");
            Sipp.scenario("register", "uac.xml")
                    .against(source.process())
                    .service("451")
                    .credentials("451", kim.substring(kim.lastIndexOf(',') + 1))
                    .key("expires", "600")
                    .runAndAssertSuccess();
        }
    }

    /** Hands a file to a Vaadin upload (its file input lives in the component's shadow root). */
    /** The UI switched to {@code language} and the users page opened again, once its title reads {@code title}. */
    private static void usersPageIn(Browser browser, String language, String title) {
        browser.choose("ui-language", language);
        browser.open("/users");
        browser.until(() -> title.equals(browser.script("return document.title")), "the page in " + language);
    }

    private static void upload(Browser browser, String uploadId, Path file) {
        browser.until(
                () -> browser.byId(uploadId)
                                .getShadowRoot()
                                .findElements(By.cssSelector("input[type=file]"))
                                .size()
                        == 1,
                "the file input of #" + uploadId);
        browser.byId(uploadId)
                .getShadowRoot()
                .findElement(By.cssSelector("input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
    }

    static byte[] download(TandemProcess tandem) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        request(tandem, "/api/v1/backup", tandem.adminPassword())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        return r.body();
    }

    static HttpResponse<String> post(TandemProcess tandem, String password, byte[] archive)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        request(tandem, "/api/v1/restore", password)
                                .header("Content-Type", "application/zip")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(archive))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static int statusOf(TandemProcess tandem, String password, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(request(tandem, path, password).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static JsonNode status(TandemProcess tandem, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        request(tandem, "/api/v1/restore/status", password)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Polls (bounded) until {@code phase}; refused connections while the appliance restarts are retried. */
    static JsonNode awaitPhase(TandemProcess tandem, String password, String phase, Duration max) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(max);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            assertThat(tandem.isAlive())
                    .as("the appliance process is still running")
                    .isTrue();
            try {
                HttpResponse<String> r = http.send(
                        request(tandem, "/api/v1/restore/status", password)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200
                        && JSON.readTree(r.body()).get("phase").asText().equals(phase)) {
                    return JSON.readTree(r.body());
                }
            } catch (IOException restarting) {
                last = restarting.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + phase + " within " + max + "; last: " + last + "\n" + tandem.logTail(80));
    }

    private static HttpRequest.Builder request(TandemProcess tandem, String path, String password) {
        return HttpRequest.newBuilder(URI.create("http://" + TandemProcess.HOST + ":" + tandem.httpPort() + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((TandemProcess.ADMIN_USER + ":" + password)
                                                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Where screenshots go (copied to docs/ for the README). */
    static final class WebShots {
        static Path file(TandemProcess tandem, String name) {
            return tandem.workDir().resolve("screens").resolve(name + ".png");
        }
    }
}
