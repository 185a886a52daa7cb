package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Issue 18's queue pages in real headless Chromium against the built jar (one appliance for the class), each change
 * checked in the REST API: a queue made on its page, its agents' pauses, the wallboard and the portal's queue tab; an
 * admin pausing, resuming, logging agents in and out on the Queues page and the dashboard's queue tile counting them;
 * the front desk pausing and resuming agents on the operator panel, with no log-out buttons; a German user's portal
 * (with its queue tab) in German.
 */
class QueuePagesIT {

    @RegisterExtension
    // own appliance: 10 users, and its typed agents were lost on the shared one at ~54 users
    static final TandemExtension tandem = new TandemExtension();

    private static final String PASSWORD = "Pages-secret-1";
    private static final String DESK = "Queue-desk-pw-1";

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void logIn() {
        browsers.get()
                .logInTo(
                        "/about",
                        TandemProcess.ADMIN_USER,
                        tandem.process().adminPassword()); // not the dashboard: every test opens its page
    }

    /** Issue 18: a queue made on its page is in the API; an unknown agent and a taken number are named at their fields. */
    @Test
    void aQueueMadeInTheBrowserIsInTheApiAndBadAgentsAreShownAtTheirField() {
        tandem.api().createUser("431", "Ann Agent", "Queue-page-1");
        tandem.api().createUser("432", "Bob Agent", "Queue-page-1");
        browsers.get().open("/queues");
        browsers.get().click("add-queue");
        browsers.get().fill("q-number", "431");
        browsers.get().fill("q-name", "Support");
        browsers.get().choose("q-strategy", "Round robin (remembers)");
        browsers.get().enter("q-members", "431, 499");
        browsers.get().click("save-queue");

        assertThat(browsers.get().fieldError("q-members")).contains("there is no extension 499");
        assertThat(tandem.api().send("GET", "/api/v1/queues/431", null).status())
                .as("nothing saved")
                .isEqualTo(404);
        browsers.get().clearChosen("q-members");
        browsers.get().pickAlso("q-members", "ann", "431 · Ann Agent");
        browsers.get().pickAlso("q-members", "432", "432 · Bob Agent");
        browsers.get().click("save-queue");
        assertThat(browsers.get().fieldError("q-number")).contains("extension 431");
        browsers.get().screenshot(screenshot("queue-number-taken"));

        browsers.get().fill("q-number", "745");
        browsers.get().click("save-queue");
        browsers.get().awaitText("queues", "Support");
        JsonNode q = tandem.api().send("GET", "/api/v1/queues/745", null).json();
        assertThat(q.get("name").asText()).isEqualTo("Support");
        assertThat(q.get("strategy").asText()).isEqualTo("ROUND_ROBIN");
        assertThat(q.get("members").toString()).isEqualTo("[\"431\",\"432\"]");
        browsers.get().screenshot(screenshot("queues"));
    }

    /**
     * Issue 14: with more users than a combo box's page (Vaadin's 50) the member picker still offers every user and
     * takes what is typed: a user beyond the first 50 picked by name, numbers typed with Enter (an unknown one named at
     * the field, nothing saved), then saved. This class's own appliance holds the users (not the shared one).
     */
    @Test
    void theMemberPickerTakesAnyOfMoreThanFiftyUsers() {
        for (int i = 1; i <= 55; i++) {
            tandem.api().createUser(String.valueOf(5600 + i), "Picker " + i, PASSWORD);
        }
        browsers.get().open("/queues");
        browsers.get().click("add-queue");
        browsers.get().fill("q-number", "750");
        browsers.get().fill("q-name", "Many");
        browsers.get().pickAlso("q-members", "Picker 55", "5655 · Picker 55");
        browsers.get().enter("q-members", "5601, 5699");
        browsers.get().click("save-queue");
        assertThat(browsers.get().fieldError("q-members")).contains("there is no extension 5699");
        assertThat(tandem.api().send("GET", "/api/v1/queues/750", null).status())
                .as("nothing saved")
                .isEqualTo(404);

        browsers.get().clearChosen("q-members");
        browsers.get().pickAlso("q-members", "Picker 54", "5654 · Picker 54");
        browsers.get().enter("q-members", "5602");
        browsers.get().click("save-queue");
        browsers.get().awaitText("queues", "Many");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/queues/750", null)
                        .json()
                        .get("members")
                        .toString())
                .isEqualTo("[\"5654\",\"5602\"]");
    }

    /**
     * Issue 18: a paused agent's reason and since-when on the Queues page; the wallboard, reached from that page, shows
     * the queue in big numbers and follows a resume by itself; a user pauses with a reason, resumes, logs in to and out
     * of a queue in the portal, each change seen in the API.
     */
    @Test
    void pausedAgentsAreOnTheQueuesPageTheWallboardFollowsAndUsersPauseInThePortal() {
        tandem.api().createUser("433", "Cleo Agent", PASSWORD);
        tandem.api().createUser("434", "Dan Agent", PASSWORD);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/434/web-password", "{\"password\":\"Dans-web-pw-1\"}")
                        .status())
                .isEqualTo(204);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/queues",
                                "{\"number\":\"746\",\"name\":\"Wallboard\"," + "\"members\":[\"433\",\"434\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send("POST", "/api/v1/queues", "{\"number\":\"747\",\"name\":\"Backline\"}")
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/queues/746/agents/433", "{\"state\":\"PAUSED\",\"reason\":\"training\"}")
                        .status())
                .isEqualTo(200);

        browsers.get().open("/queues");
        browsers.get().awaitText("queue-agents", "training");
        assertThat(browsers.get().text("queue-agents"))
                .contains("paused")
                .contains(LocalDate.now().toString());
        browsers.get().click("open-wallboard");
        browsers.get().awaitPath("/queues/wallboard");
        browsers.get().awaitText("wb-746-paused", "1");
        assertThat(browsers.get().text("wb-746-waiting")).isEqualTo("0");
        assertThat(browsers.get().text("wb-746-longest")).isEqualTo("0:00");
        assertThat(browsers.get().text("wb-746-available"))
                .as("no phone registered")
                .isEqualTo("0");
        assertThat(browsers.get().text("wb-746-answered")).isEqualTo("0");
        assertThat(browsers.get().text("wb-746-service-level")).isEqualTo("100%");
        browsers.get().screenshot(screenshot("queue-wallboard"));
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/queues/746/agents/433", "{\"state\":\"AVAILABLE\"}")
                        .status())
                .isEqualTo(200);
        browsers.get().awaitText("wb-746-paused", "0"); // refreshed by itself

        browsers.get().reset();
        browsers.get().logIn("434", "Dans-web-pw-1");
        browsers.get().awaitPath("/me");
        browsers.get().click("portal-queues-tab");
        browsers.get().awaitText("my-queues", "static agent");
        browsers.get().fill("my-pause-reason", "coffee");
        browsers.get().click("queue-pause-746");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/queues/746/agents/434", null)
                                .body()
                                .contains("\"reason\":\"coffee\""),
                        "434 paused for coffee");
        browsers.get().awaitText("my-queues", "paused since");
        browsers.get().click("queue-resume-746");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/queues/746/agents/434", null)
                                .body()
                                .contains("\"presence\":\"AVAILABLE\""),
                        "434 available again");
        browsers.get().click("queue-login-747");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/queues/747/agents", null)
                                .body()
                                .contains("\"extension\":\"434\""),
                        "434 logged in to 747");
        browsers.get().screenshot(screenshot("portal-queues"));
        browsers.get().click("queue-logout-747");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/queues/747/agents/434", null)
                                .body()
                                .contains("\"presence\":\"LOGGED_OUT\""),
                        "434 logged out of 747");
    }

    /**
     * An admin pauses an agent with a reason, resumes them, logs a user in (an unknown extension named at its field)
     * and out on the Queues page, each seen in the API; the dashboard's tile of the queue counts the paused agent and
     * the waiting callers, and leads to the wallboard.
     */
    @Test
    void anAdminPausesResumesAndLogsAgentsInAndOutAndTheDashboardTileCountsThem() {
        tandem.api().createUser("435", "Eva Agent", PASSWORD);
        tandem.api().createUser("436", "Finn Agent", PASSWORD);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/queues",
                                "{\"number\":\"748\",\"name\":\"Helpdesk\"," + "\"members\":[\"435\"]}")
                        .status())
                .isEqualTo(201);

        browsers.get().open("/queues");
        browsers.get().awaitText("queue-agents", "435");
        browsers.get().fill("queue-pause-reason", "lunch");
        browsers.get().click("agent-pause-748-435");
        browsers.get().until(() -> agent("748", "435").contains("\"reason\":\"lunch\""), "435 paused for lunch");
        browsers.get().awaitText("queue-agents", "lunch");
        assertThat(present("agent-logout-748-435"))
                .as("a static agent is not logged out")
                .isFalse();

        browsers.get().click("login-agent");
        assertThat(browsers.get().fieldError("login-queue"))
                .as("the form's own check")
                .isNotEmpty();
        browsers.get().choose("login-queue", "748 · Helpdesk");
        browsers.get().fill("login-extension", "499");
        browsers.get().click("login-agent");
        assertThat(browsers.get().fieldError("login-extension")).contains("no user has extension 499");
        assertThat(browsers.get().text("login-agent-error"))
                .as("the error at its field only")
                .isEmpty();
        assertThat(agent("748", "499")).as("nothing stored").doesNotContain("AVAILABLE");
        browsers.get().fill("login-extension", "436");
        browsers.get().click("login-agent");
        browsers.get().until(() -> agent("748", "436").contains("\"presence\":\"AVAILABLE\""), "436 logged in");
        browsers.get().awaitText("queue-agents", "436 (logged in)");
        assertThat(browsers.get().value("login-extension"))
                .as("emptied for the next")
                .isEmpty();
        assertThat(browsers.get().invalid("login-extension"))
                .as("the earlier error gone")
                .isFalse();
        browsers.get().screenshot(screenshot("queue-agents-admin"));

        browsers.get().open("/");
        browsers.get().awaitText("queue-tile-748-agents", "1 paused");
        assertThat(browsers.get().text("queue-tile-748")).contains("748 · Helpdesk");
        assertThat(browsers.get().text("queue-tile-748-waiting")).startsWith("0 waiting");
        browsers.get().screenshot(screenshot("dashboard-queue-tile"));

        browsers.get().open("/queues");
        browsers.get().click("agent-resume-748-435");
        browsers.get().until(() -> agent("748", "435").contains("\"presence\":\"AVAILABLE\""), "435 resumed");
        browsers.get().click("agent-logout-748-436");
        browsers.get().until(() -> agent("748", "436").contains("\"presence\":\"LOGGED_OUT\""), "436 logged out");

        browsers.get().open("/");
        browsers.get().awaitText("queue-tile-748-agents", "0 paused");
        browsers.get().click("dashboard-wallboard");
        browsers.get().awaitPath("/queues/wallboard");
        browsers.get().byId("wb-748");
    }

    /**
     * The front desk (a RECEPTIONIST account, which lands on the operator panel) pauses and resumes a queue's agents
     * there; it has no log-out button, and the Queues page stays closed to it.
     */
    @Test
    void theFrontDeskPausesAndResumesAgentsOnTheOperatorPanel() {
        tandem.api().createUser("437", "Gus Agent", PASSWORD);
        tandem.api().createUser("438", "Hana Agent", PASSWORD);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/queues",
                                "{\"number\":\"749\",\"name\":\"Front\"," + "\"members\":[\"437\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/queues/749/agents/438", "{\"state\":\"AVAILABLE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"qdesk\",\"password\":\"" + DESK
                                        + "\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        TandemApi.Reply seen =
                TandemApi.as(tandem.process(), "qdesk", DESK).send("GET", "/api/v1/queues/749/agents", null);
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);

        browsers.get().reset();
        browsers.get().logIn("qdesk", DESK);
        try {
            browsers.get().awaitPath("/operator");
        } catch (org.openqa.selenium.TimeoutException typedTooEarly) {
            // seen once in a loaded run: /login?error though the API takes the same name and password (checked above),
            // i.e. keys typed before the login form was ready were lost; a person types them again
            browsers.get().logIn("qdesk", DESK);
            browsers.get().awaitPath("/operator");
        }
        browsers.get().awaitText("queue-agents", "438");
        browsers.get().fill("queue-pause-reason", "meeting");
        browsers.get().click("agent-pause-749-438");
        browsers.get().until(() -> agent("749", "438").contains("\"reason\":\"meeting\""), "438 paused");
        browsers.get().awaitText("queue-agents", "meeting");
        assertThat(present("agent-logout-749-438"))
                .as("the front desk does not log agents out")
                .isFalse();
        assertThat(present("login-agent")).as("nor in").isFalse();
        browsers.get().screenshot(screenshot("operator-queue-agents"));
        browsers.get().click("agent-resume-749-438");
        browsers.get().until(() -> agent("749", "438").contains("\"presence\":\"AVAILABLE\""), "438 resumed");

        browsers.get().open("/queues");
        browsers.get()
                .until(
                        () -> !browsers.get().path().equals("/queues") || !present("queue-agents"),
                        "the Queues page is not the front desk's");
    }

    /**
     * Issue 18: a user whose own language is German sees the portal in German in this (English) browser: the tabs, the
     * call-handling form, the queue tab's texts; a user without one gets the browser's English.
     */
    @Test
    void aGermanUsersPortalIsInGerman() {
        tandem.api().createUser("439", "Renate Schulz", PASSWORD);
        tandem.api().createUser("440", "Ian Plain", PASSWORD);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/439", "{\"displayName\":\"Renate Schulz\",\"language\":\"de\"}")
                        .status())
                .isEqualTo(200);
        for (String ext : new String[] {"439", "440"}) {
            assertThat(tandem.api()
                            .send(
                                    "PUT",
                                    "/api/v1/users/" + ext + "/web-password",
                                    "{\"password\":\"Portal-web-pw-" + ext + "\"}")
                            .status())
                    .isEqualTo(204);
        }
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/queues",
                                "{\"number\":\"744\",\"name\":\"Kasse\"," + "\"members\":[\"439\"]}")
                        .status())
                .isEqualTo(201);

        browsers.get().reset();
        browsers.get().logIn("439", "Portal-web-pw-439");
        browsers.get().awaitPath("/me");
        browsers.get().awaitText("portal-title", "Renate Schulz · Durchwahl 439");
        assertThat(browsers.get().text("logout").strip()).isEqualTo("Abmelden");
        assertThat(browsers.get().pageText())
                .contains(
                        "Anrufbehandlung",
                        "Anrufliste",
                        "Verpasste Anrufe",
                        "Gesperrte Anrufer",
                        "Warteschlangen",
                        "Web-Passwort",
                        "Speichern")
                .doesNotContain("Call handling");
        assertThat(browsers.get().script("const f = document.getElementById('mobile-number'); return f && f.label"))
                .isEqualTo("Handynummer");
        browsers.get().click("portal-queues-tab");
        browsers.get().awaitText("my-queues", "fester Agent");
        assertThat(browsers.get().script("const f = document.getElementById('my-pause-reason'); return f && f.label"))
                .isEqualTo("Pausengrund");
        browsers.get().screenshot(screenshot("portal-german"));

        browsers.get().reset();
        browsers.get().logIn("440", "Portal-web-pw-440");
        browsers.get().awaitPath("/me");
        browsers.get().awaitText("portal-title", "Ian Plain · extension 440");
        assertThat(browsers.get().pageText()).contains("Call handling");
    }

    private static String agent(String queue, String extension) {
        return tandem.api()
                .send("GET", "/api/v1/queues/" + queue + "/agents/" + extension, null)
                .body();
    }

    private static boolean present(String id) {
        return browsers.get().present(By.id(id));
    }

    private static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
