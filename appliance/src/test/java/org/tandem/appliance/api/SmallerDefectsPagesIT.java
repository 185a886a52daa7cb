package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.registrar.Binding;

/**
 * Issue 17, the smaller defects (item 12), in headless Chromium against the Spring-started appliance: either Save of
 * the call-settings page keeps the edits of both its sections, and its ring time sits beside "when not answered"; an
 * empty Phones page says how phones find the appliance (DHCP option 66, the /prov/ address); an unknown page says so
 * in words and offers the way back, instead of Vaadin's bare "Could not navigate"; the setup wizard checks a new admin
 * password at its step's Next, not only at Finish; the conference rooms say "Locked" or "Open"; the Phones grid fits a
 * 1366x768 window; the one-time CSV link gives way to a note once used; a page whose session ended lands on the login
 * page that says why; the trunk form explains its defaults; empty list pages say what they are for and the first step.
 */
// an appliance of its own: several tests are about a fresh install's pages (empty lists say what they are for, an
// empty Phones page, the setup wizard), which the other page classes would have filled (issue 14, session 29)
@TestPropertySource(properties = "test.appliance=fresh-install-pages")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmallerDefectsPagesIT extends ApiTestBase {

    @Autowired
    CallEvents events;

    @Autowired
    CallRecords records;

    @Autowired
    WebServerApplicationContext web;

    @Autowired
    WebPasswords webPasswords;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    /** The call-settings page's second Save dropped the first section's edits. */
    @Test
    void eitherSaveOfTheCallSettingsPageKeepsTheEditsOfBothSections(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("152", "Olga Both", "sip-secret-152", null))
                        .status())
                .isEqualTo(201);
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/user-routing/152", "admin", ADMIN_PASSWORD);
            browser.awaitText("user-routing-title", "Olga Both");
            // the ring time sits in the row of "when not answered", which it belongs to, not beside "when busy"
            // (one row: the same top within a few pixels of alignment; rows are some 80 px apart)
            assertThat(top(browser, "cs-no-answer-seconds"))
                    .isCloseTo(top(browser, "cs-forward-no-answer"), within(20L));
            assertThat(top(browser, "cs-busy-when")).isCloseTo(top(browser, "cs-forward-busy"), within(20L));
            browser.toggle("cs-dnd");
            browser.fill("out-caller-id", "+4930777");
            browser.click("save-outbound");
            browser.until(
                    () -> "+4930777"
                            .equals(admin.get("/api/v1/users/152/outbound")
                                    .json()
                                    .path("callerId")
                                    .asText()),
                    "the outbound section saved");
            browser.until(
                    () -> admin.get("/api/v1/users/152/call-settings")
                            .json()
                            .path("dnd")
                            .asBoolean(),
                    "the call handling section's DND saved too");
        }
    }

    /**
     * Defect 7: the call records' date fields took an ISO date (2026-11-24) as no date, silently showing every call.
     * Now ISO and the browser locale's format (Chromium here: en-US, 11/24/2026) both filter, and what is neither is
     * an error at the field.
     */
    @Test
    void callRecordDatesTakeIsoAndTheBrowsersFormatAndSayWhatTheyCannotRead(@TempDir Path work) throws Exception {
        publishCall("day-in", Instant.parse("2026-11-24T12:00:00Z"), "9241");
        publishCall("day-out", Instant.parse("2026-11-20T12:00:00Z"), "9201");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        records.find("day-in").filter(r -> r.endedAt() != null).isPresent()
                                && records.find("day-out")
                                        .filter(r -> r.endedAt() != null)
                                        .isPresent());
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/calls", "admin", ADMIN_PASSWORD);
            browser.awaitText("call-records", "9201");
            browser.until(() -> rows(browser) == 2, "both calls listed");
            typeDate(browser, "cdr-from", "2026-11-24");
            typeDate(browser, "cdr-to", "11/24/2026");
            browser.until(
                    () -> "2026-11-24".equals(browser.script("return document.getElementById('cdr-from').value")),
                    "the ISO date read as 2026-11-24");
            browser.until(
                    () -> "2026-11-24".equals(browser.script("return document.getElementById('cdr-to').value")),
                    "the en-US date read as 2026-11-24");
            browser.click("cdr-apply");
            browser.until(() -> rows(browser) == 1, "the 20th's call filtered out");
            assertThat(browser.text("call-records")).contains("9241");

            typeDate(browser, "cdr-from", "24th of November");
            assertThat(browser.fieldError("cdr-from")).contains("Not a date").contains("2026-11-24");
            browser.click("cdr-apply");
            assertThat(browser.fieldError("cdr-from"))
                    .as("still marked after Show")
                    .contains("Not a date");
            assertThat(rows(browser)).as("the last good filter kept").isEqualTo(1);
        }
    }

    /**
     * Defect 5: the dashboard's calls-per-hour chart drew no bars (each bar's flex basis of 0 in a column of no set
     * height). Now each hour is an SVG bar, its height the hour's calls against the busiest hour's.
     */
    @Test
    void theDashboardDrawsABarPerHourAsTallAsItsCalls(@TempDir Path work) throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) publishCall("chart-before-" + i, now.minusSeconds(3600), "9301");
        for (int i = 0; i < 2; i++) publishCall("chart-now-" + i, now, "9302");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.find("chart-now-1")
                                .filter(r -> r.endedAt() != null)
                                .isPresent()
                        && records.find("chart-before-3")
                                .filter(r -> r.endedAt() != null)
                                .isPresent());
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.byId("hour-bar-23");
            assertThat(browser.script("return document.getElementById('hour-bar-23').getAttribute('data-calls')"))
                    .isEqualTo("2");
            assertThat(browser.script("return document.getElementById('hour-bar-22').getAttribute('data-calls')"))
                    .isEqualTo("4");
            assertThat(browser.script("return document.getElementById('hour-bar-22') instanceof SVGRectElement"))
                    .as("an SVG bar, which the browser draws")
                    .isEqualTo(true);
            double busiest = height(browser, "hour-bar-22");
            double current = height(browser, "hour-bar-23");
            assertThat(busiest).as("the busiest hour's bar is drawn tall").isGreaterThan(50);
            assertThat(current).as("half the calls, half the height").isCloseTo(busiest / 2, within(1.5));
            assertThat(height(browser, "hour-bar-0"))
                    .as("an hour without calls has no bar")
                    .isZero();
            assertThat(browser.text("calls-per-hour")).contains("4").contains("2");
            browser.script("document.getElementById('calls-per-hour').scrollIntoView({block: 'end'})");
            DeletionPagesIT.screenshot(browser, work, "dashboard");
        }
    }

    /**
     * Defect 11: the call records named no caller (the name the caller sent was never shown) and said only "Failed"
     * or "Not answered". Now caller, dialled and answering party read "Name <number>", and the outcome says why in
     * words: the final status (480: nobody reachable, 404: no such number, 486: busy) and which blocklist refused.
     * (Its calls lie in October, clear of the other tests' days and of the dashboard's last 24 hours.)
     */
    @Test
    void callRecordsShowNamesAndFailureReasonsInWords(@TempDir Path work) throws Exception {
        assertThat(admin.post("/api/v1/users", user("164", "Quentin Callee", "sip-secret-164", null))
                        .status())
                .isEqualTo(201);
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        events.publish(new CallStarted(
                "words-480", at, null, "+4930111164", "Rita Caller", "164", CallDirection.INBOUND, null, null, null));
        events.publish(new CallEnded("words-480", at.plusSeconds(5), Disposition.NO_ANSWER, 480, HangupSide.SYSTEM));
        events.publish(new CallStarted(
                "words-404", at.plusSeconds(60), "164", "164", null, "9164", CallDirection.INTERNAL, null, null, null));
        events.publish(new CallEnded("words-404", at.plusSeconds(61), Disposition.FAILED, 404, HangupSide.SYSTEM));
        events.publish(new CallStarted(
                "words-486",
                at.plusSeconds(120),
                "164",
                "164",
                null,
                "9165",
                CallDirection.INTERNAL,
                null,
                null,
                null));
        events.publish(new CallEnded("words-486", at.plusSeconds(121), Disposition.BUSY, 486, HangupSide.CALLEE));
        events.publish(new CallStarted(
                "words-blocked",
                at.plusSeconds(180),
                null,
                "anonymous",
                null,
                "164",
                CallDirection.INBOUND,
                null,
                null,
                null));
        events.publish(
                new org.tandem.pbx.call.CallBlocked("words-blocked", at.plusSeconds(180), "blocklist:anonymous"));
        events.publish(new CallEnded("words-blocked", at.plusSeconds(181), Disposition.FAILED, 403, HangupSide.SYSTEM));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> java.util.stream.Stream.of("words-480", "words-404", "words-486", "words-blocked")
                        .allMatch(id -> records.find(id)
                                .filter(r -> r.endedAt() != null)
                                .isPresent()));
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/calls", "admin", ADMIN_PASSWORD);
            browser.awaitText("call-records", "9164");
            String rows = browser.text("call-records");
            assertThat(rows)
                    .contains("Rita Caller <+4930111164>")
                    .contains("Quentin Callee <164>")
                    .contains("Not reachable (no phone registered)")
                    .contains("No such number")
                    .contains("Busy")
                    .contains("Blocked: caller ID withheld")
                    .doesNotContain("Failed");
            DeletionPagesIT.screenshot(browser, work, "call-records-in-words");
        }
        // the user's own call log in the portal says the same reasons, in the user's language (it said "Failed" or
        // "Not answered", in English whatever the language)
        assertThat(admin.put("/api/v1/users/164", "{\"displayName\":\"Quentin Callee\",\"language\":\"de\"}")
                        .status())
                .isEqualTo(200);
        webPasswords.set("164", "quentin-portal-pw");
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("portal")))) {
            browser.logIn("164", "quentin-portal-pw");
            browser.awaitPath("/me");
            browser.click("portal-calllog-tab");
            // the calls 164 made: to 9164 (404) and to 9165 (486)
            browser.awaitText("my-calls", "9165");
            browser.awaitText("my-calls", "Diese Nummer gibt es nicht");
            assertThat(browser.text("my-calls"))
                    .contains("Besetzt")
                    .doesNotContain("Failed")
                    .doesNotContain("No such number")
                    .doesNotContain("Busy")
                    .doesNotContain("Fehlgeschlagen");
        }
    }

    /** Defect 11: the dashboard's health row showed Spring's bean names and codes (sipStack: UP, cdrWriter: UP). */
    @Test
    void theDashboardsHealthRowNamesEachPartInWords(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.awaitPath("/");
            browser.awaitText("health", "SIP service: OK");
            assertThat(browser.text("health"))
                    .contains("Call records: OK")
                    .contains("Database: OK")
                    .contains("Background work: OK")
                    .contains("Call handling: OK")
                    .contains("Tandem overall: OK")
                    .doesNotContain("sipStack")
                    .doesNotContain("cdrWriter")
                    .doesNotContain("adminAccount")
                    .doesNotContain("sipDispatch")
                    .doesNotContain("diskSpace")
                    .doesNotContain("UP");
        }
    }

    /**
     * Defect 11 (as defect 7 for the call records): the audit log's date fields took ISO only; now the browser's
     * format too (Chromium here: en-US, 11/24/2026), and what is neither is an error at the field.
     */
    @Test
    void auditLogDatesTakeTheBrowsersFormatAndIso(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/audit", "admin", ADMIN_PASSWORD);
            browser.byId("audit-log");
            typeDate(browser, "audit-from", "11/24/2026");
            typeDate(browser, "audit-to", "2026-11-25");
            browser.until(
                    () -> "2026-11-24".equals(browser.script("return document.getElementById('audit-from').value")),
                    "the en-US date read as 2026-11-24");
            browser.until(
                    () -> "2026-11-25".equals(browser.script("return document.getElementById('audit-to').value")),
                    "the ISO date read as 2026-11-25");
            assertThat(browser.script("return document.getElementById('audit-from').invalid"))
                    .isEqualTo(false);
            browser.click("audit-apply");
            browser.awaitText("audit-count", "change");

            typeDate(browser, "audit-from", "24th of November");
            assertThat(browser.fieldError("audit-from"))
                    .contains("Not a date")
                    .contains("2026-11-24")
                    .contains("11/24/2026");
        }
    }

    private static double height(Browser browser, String id) {
        return ((Number) browser.script("return document.getElementById('" + id + "').getBoundingClientRect().height"))
                .doubleValue();
    }

    /** The rows the call records grid has (its size; a grid keeps the cells of rows it no longer shows). */
    private static long rows(Browser browser) {
        return ((Number) browser.script("return document.getElementById('call-records').size")).longValue();
    }

    private void publishCall(String id, Instant at, String dialled) {
        events.publish(new CallStarted(
                id, at, "9200", "9200", "User 9200", dialled, CallDirection.INTERNAL, null, null, null));
        events.publish(new CallEnded(id, at.plusSeconds(10), Disposition.NO_ANSWER, 480, HangupSide.CALLEE));
    }

    /** Types a date into the picker's input and commits it with Enter, as a person does. */
    private static void typeDate(Browser browser, String id, String text) {
        browser.fill(id, text);
        browser.element(org.openqa.selenium.By.cssSelector("#" + id + " input"))
                .sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    private static long top(Browser browser, String id) {
        return Math.round(
                ((Number) browser.script("return document.getElementById('" + id + "').getBoundingClientRect().top"))
                        .doubleValue());
    }

    @Test
    void anEmptyPhonesPageSaysHowPhonesFindTheAppliance(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/phones", "admin", ADMIN_PASSWORD);
            browser.awaitText("phones-hint", "DHCP option 66");
            assertThat(browser.text("phones-hint")).contains("http://127.0.0.1:" + port + "/prov/");
        }
    }

    @Test
    void theWizardChecksTheNewAdminPasswordWithItsStepNotOnlyAtFinish(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/setup", "admin", ADMIN_PASSWORD);
            browser.fill("setup-admin-password", "short");
            browser.click("setup-next");
            assertThat(browser.fieldError("setup-admin-password")).contains("at least");
            assertThat(browser.fieldError("setup-current-password")).contains("required");
            assertThat((Boolean) browser.script("return document.getElementById('setup-domain').offsetParent !== null"))
                    .as("still on the first step")
                    .isTrue();
        }
    }

    @Test
    void anUnknownPageSaysSoInWordsAndLeadsBack(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logIn("admin", ADMIN_PASSWORD); // signed in first: the unknown page is shown to who may see pages
            browser.awaitPath("/");
            browser.open("/no-such-page");
            browser.awaitText("page-not-found", "There is no page /no-such-page");
            assertThat(browser.pageText()).doesNotContain("Could not navigate");
            browser.click("page-not-found-home");
            browser.awaitPath("/");
            browser.byId("registrations");
        }
    }

    /** The "Locked" column was blank for every open room: now it says "Open" or what the lock does, in words. */
    @Test
    void conferenceRoomsSayWhetherTheyAreLockedAndAnEmptyListSaysWhatRoomsAreFor(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/conference-rooms", "admin", ADMIN_PASSWORD);
            browser.awaitText("conference-rooms-hint", "No conference rooms yet");
            assertThat(browser.text("conference-rooms-hint")).contains("Add room");
            assertThat(admin.post(
                                    "/api/v1/conference-rooms",
                                    "{\"number\":\"8911\",\"name\":\"Board\",\"locked\":true}")
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/v1/conference-rooms", "{\"number\":\"8912\",\"name\":\"Team\"}")
                            .status())
                    .isEqualTo(201);
            browser.open("/conference-rooms");
            browser.awaitText("conference-rooms", "Board");
            browser.until(
                    () -> cell(browser, "conference-rooms", "8911", 5).equals("Locked: no one new joins"),
                    "the locked room says so");
            assertThat(cell(browser, "conference-rooms", "8912", 5)).isEqualTo("Open");
            assertThat(shown(browser, "conference-rooms-hint"))
                    .as("no hint beside rooms")
                    .isFalse();
        }
    }

    /** A fresh install's list pages showed a bare empty grid; now what the page is for and the first step. */
    @Test
    void emptyListPagesSayWhatTheyAreForAndTheFirstStep(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/ring-groups", "admin", ADMIN_PASSWORD);
            browser.awaitText("ring-groups-hint", "No ring groups yet");
            assertThat(browser.text("ring-groups-hint")).contains("Add ring group");
            browser.open("/trunks");
            browser.awaitText("trunks-hint", "No trunks yet");
            assertThat(browser.text("trunks-hint")).contains("New trunk from template");
            browser.open("/ivr-menus");
            browser.awaitText("ivr-menus-hint", "No IVR menus yet");
            assertThat(browser.text("ivr-menus-hint")).contains("Prompts page");
            browser.open("/time-conditions");
            browser.awaitText("time-conditions-hint", "opening hours");
            browser.open("/outbound-routes");
            browser.awaitText("outbound-routes-hint", "only internal calls work");
            browser.open("/queues");
            browser.awaitText("queues-hint", "No queues yet");
            browser.open("/paging-groups");
            browser.awaitText("paging-groups-hint", "No paging groups yet");
            browser.open("/inbound-routes");
            browser.awaitText("inbound-routes-hint", "No inbound routes yet");
        }
    }

    /**
     * Defect 12: at 1366 px the Phones grid scrolled sideways (one line per cell, the lines' registration naming the
     * other devices). Now it fits a 1366x768 window, the long texts wrapped.
     */
    @Test
    void thePhonesGridFitsA1366By768WindowWithoutScrollingSideways(@TempDir Path work) throws Exception {
        for (String ext : new String[] {"9171", "9172"}) {
            assertThat(admin.post("/api/v1/users", user(ext, "Wide " + ext, "sip-secret-" + ext, null))
                            .status())
                    .isEqualTo(201);
        }
        String mac = "001565917101";
        assertThat(admin.post(
                                "/api/v1/devices",
                                "{\"mac\":\"00:15:65:91:71:01\",\"vendor\":\"yealink\","
                                        + "\"model\":\"SIP-T46S\",\"description\":\"Reception desk by the main entrance, ground floor, left\","
                                        + "\"lines\":[\"9171\",\"9172\"]}")
                        .status())
                .isEqualTo(201);
        Instant now = Instant.now();
        // the user's softphone is registered, the desk phone not: the lines' cell names the other device
        locations.add(new Binding(
                "9171",
                "sip:9171@127.0.0.1:5099",
                "width-call",
                1,
                now.plusSeconds(3600),
                1000,
                "127.0.0.1",
                5099,
                "udp",
                "Linphone Desktop/5.2.6 (Ubuntu 24.04 LTS, Qt 5.15.13) LinphoneCore/5.3.86",
                null,
                0,
                now));
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.windowSize(1366, 768);
            browser.logInTo("/phones", "admin", ADMIN_PASSWORD);
            browser.awaitText("phones", "only on another device: Linphone Desktop");
            assertThat(browser.text("phones")).contains("Reception desk");
            browser.until(
                    () -> ((Number) browser.script("return document.getElementById('phones').clientWidth")).intValue()
                            > 0,
                    "the grid laid out");
            Object widths =
                    browser.script("const t = document.getElementById('phones').shadowRoot.querySelector('#table');"
                            + " return [t.scrollWidth, t.clientWidth, document.documentElement.scrollWidth,"
                            + " document.documentElement.clientWidth];");
            java.util.List<?> w = (java.util.List<?>) widths;
            assertThat(((Number) w.get(0)).intValue())
                    .as("the grid's content width against its own " + w)
                    .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
            assertThat(((Number) w.get(2)).intValue())
                    .as("the page's width against the window's " + w)
                    .isLessThanOrEqualTo(((Number) w.get(3)).intValue());
            DeletionPagesIT.screenshot(browser, work, "phones-1366");
        } finally {
            // the empty Phones page's test wants no phone
            assertThat(admin.delete("/api/v1/devices/" + mac).status()).isEqualTo(204);
        }
    }

    /** The one-time link to the generated passwords stayed clickable after its one download; now a note replaces it. */
    @Test
    void theOneTimePasswordsLinkGivesWayToANoteOnceDownloaded(@TempDir Path work) throws Exception {
        Path csv =
                Files.writeString(work.resolve("users.csv"), "extension,name,email\n9181,Ida Once,\n9182,Jo Once,\n");
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/users", "admin", ADMIN_PASSWORD);
            browser.click("import-users");
            browser.until(
                    () -> browser.byId("import-upload")
                                    .getShadowRoot()
                                    .findElements(By.cssSelector("input[type=file]"))
                                    .size()
                            == 1,
                    "the upload's file input");
            browser.byId("import-upload")
                    .getShadowRoot()
                    .findElement(By.cssSelector("input[type=file]"))
                    .sendKeys(csv.toString());
            browser.awaitText("import-summary", "Imported 2 users");
            String href = browser.byId("import-passwords").getAttribute("href");
            String passwords = browser.fetchText(href);
            assertThat(passwords).startsWith("extension,name,sip_password").contains("9181,");
            browser.awaitText("import-passwords-spent", "cannot be downloaded again");
            assertThat(browser.present(By.id("import-passwords")))
                    .as("the spent link is gone")
                    .isFalse();
            assertThat(browser.fetchText(href))
                    .as("nothing more from its address")
                    .doesNotContain("9181,");
        }
    }

    /**
     * After an appliance restart (or a session timeout) the page dropped to the login form without a word. Here the
     * session ends on the server (as a timeout ends it; a restart leaves no session at all) and the page's next request
     * finds it gone: the login page says why.
     */
    @Test
    void aPageWhoseSessionEndedLandsOnTheLoginPageThatSaysWhy(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.open("/login");
            browser.byId("login-hint");
            assertThat(shown(browser, "login-expired"))
                    .as("not on a plain visit")
                    .isFalse();
            browser.logInTo("/ring-groups", "admin", ADMIN_PASSWORD);
            browser.byId("add-ring-group");
            for (var host :
                    ((TomcatWebServer) web.getWebServer()).getTomcat().getHost().findChildren()) {
                for (Session session : ((Context) host).getManager().findSessions()) session.expire();
            }
            // the page's next request (a click; or the push connection's reconnect) finds the session gone
            browser.script("const b = document.getElementById('add-ring-group'); if (b) b.click();");
            browser.awaitPath("/login");
            browser.awaitText(
                    "login-expired",
                    "You were signed out because the appliance restarted or your session "
                            + "expired. Please sign in again.");
            assertThat(shown(browser, "login-expired")).isTrue();
        }
    }

    /** Defect 12: the trunk form's defaults (not registering, the caller's number) came without a word. */
    @Test
    void theTrunkFormExplainsItsDefaults(@TempDir Path work) throws Exception {
        try (Browser browser =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("browser")))) {
            browser.logInTo("/trunks", "admin", ADMIN_PASSWORD);
            browser.click("add-trunk");
            browser.byId("trunk-register");
            assertThat(helper(browser, "trunk-register"))
                    .contains("account and password")
                    .contains("IP address");
            assertThat(helper(browser, "trunk-caller-id-policy"))
                    .contains("the user's own outbound caller ID")
                    .contains("refuses numbers that are not yours");
            assertThat(browser.element(By.cssSelector("#trunk-register")).getDomAttribute("checked"))
                    .as("the API's default kept")
                    .isNull();
        }
    }

    private static String helper(Browser browser, String id) {
        return (String) browser.script(
                "const h = document.querySelector('#" + id + " [slot=helper]');" + " return h ? h.textContent : '';");
    }

    /** Whether the element is in the page and shown (Vaadin hides an invisible component with {@code hidden}). */
    private static boolean shown(Browser browser, String id) {
        return (Boolean) browser.script("const e = document.getElementById('" + id + "');"
                + " return e !== null && !e.hidden && e.offsetParent !== null;");
    }

    /** The text of column {@code column} (0-based) in the row whose first cell is {@code first}. */
    private static String cell(Browser browser, String gridId, String first, int column) {
        return (String) browser.script("const g = document.getElementById('" + gridId + "');"
                + " const rows = [...g.shadowRoot.querySelectorAll('tbody tr')];"
                + " for (const r of rows) { const cells = [...r.querySelectorAll('td slot')].map(s =>"
                + "   s.assignedNodes().map(n => n.textContent).join('').trim());"
                + "   if (cells[0] === '" + first + "') return cells[" + column + "]; }"
                + " return '';");
    }
}
