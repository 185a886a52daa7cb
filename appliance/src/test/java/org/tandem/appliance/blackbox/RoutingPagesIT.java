package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * Issue 3's objects managed from the admin web UI (real headless Chromium against the built jar), each
 * change checked in the REST API: a ring group (and a SIPp call that rings its member), feature codes,
 * a trunk, outbound routes and their order, inbound routes and the default destination, a user's
 * forwarding, DND and outbound class. Bad values are shown next to their field and nothing is saved.
 */
class RoutingPagesIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();

    private static final String PASSWORD = "Pages-secret-1";

    /** One Chromium for the class, {@link Browser#reset() reset} after each test to what a new one would be. */
    private static Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void logIn() {
        if (browser == null) browser = new Browser(tandem.process());
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitPath("/");
        browser.byId("registrations");
    }

    @AfterEach
    void resetBrowser() {
        if (browser == null) return;
        try {
            browser.reset();
        } catch (RuntimeException e) {
            closeBrowser(); // the next test starts a new one
            throw e;
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }

    @Test
    void aRingGroupMadeInTheBrowserIsInTheApiAndRingsItsMember() {
        tandem.api().createUser("401", "Ann Member", PASSWORD);
        tandem.api().createUser("402", "Ben Caller", PASSWORD);
        browser.open("/ring-groups");
        browser.click("add-ring-group");
        browser.fill("rg-number", "600");
        browser.fill("rg-name", "Sales");
        choose("rg-strategy", "Sequential (one after another)");
        browser.fill("rg-member-0-value", "401");
        browser.fill("rg-member-0-seconds", "15");
        browser.click("rg-add-member");
        choose("rg-member-1-type", "External number");
        browser.fill("rg-member-1-value", "+4930123456");
        choose("rg-fallback-type", "Voicemail box");
        browser.fill("rg-fallback-value", "not a box!");
        browser.fill("rg-caller-id-prefix", "Sales: ");
        browser.click("save-ring-group");

        assertThat(browser.fieldError("rg-fallback")).contains("is not a valid voicemail");
        assertThat(tandem.api().send("GET", "/api/v1/ring-groups/600", null).status()).as("nothing saved")
                .isEqualTo(404);
        browser.screenshot(screenshot("ring-group-bad-destination"));

        browser.fill("rg-fallback-value", "401");
        browser.click("save-ring-group");
        browser.awaitText("ring-groups", "Sales");
        JsonNode group = tandem.api().send("GET", "/api/v1/ring-groups/600", null).json();
        assertThat(group.get("name").asText()).isEqualTo("Sales");
        assertThat(group.get("strategy").asText()).isEqualTo("SEQUENTIAL");
        assertThat(group.get("members").get(0).get("destination").asText()).isEqualTo("extension:401");
        assertThat(group.get("members").get(0).get("ringSeconds").asInt()).isEqualTo(15);
        assertThat(group.get("members").get(1).get("destination").asText()).isEqualTo("external:+4930123456");
        assertThat(group.get("fallback").asText()).isEqualTo("voicemail:401");
        assertThat(group.get("callerIdPrefix").asText()).isEqualTo("Sales: ");
        browser.screenshot(screenshot("ring-groups"));

        int port = FreePorts.udpAndTcp();
        tandem.register("401", PASSWORD, port, Transport.UDP);
        Sipp.Running member = tandem.sipp("call", "uas.xml").transport(Transport.UDP).localPort(port).service("401")
                .timeout(Duration.ofSeconds(30)).start().awaitListening(port, Transport.UDP);
        tandem.sipp("call", "uac.xml").service("402").credentials("402", PASSWORD).key("callee", "600")
                .runAndAssertSuccess();
        member.await().assertSuccess();
    }

    @Test
    void aFeatureCodeIsChangedAndAClashIsShownNextToItsField() {
        browser.open("/feature-codes");
        browser.fill("fc-DND_ON", "*79");
        browser.click("save-feature-codes");

        assertThat(browser.fieldError("fc-DND_ON")).isEqualTo("is the same code as do not disturb off"); // issue 17: words, not DND_OFF
        assertThat(featureCode("DND_ON")).as("nothing changed").isEqualTo("*78");
        browser.screenshot(screenshot("feature-codes-clash"));

        browser.fill("fc-DND_ON", "*55");
        browser.click("save-feature-codes");
        browser.until(() -> featureCode("DND_ON").equals("*55"), "DND_ON saved as *55");
        assertThat(featureCode("DND_OFF")).isEqualTo("*79");
        browser.screenshot(screenshot("feature-codes"));
    }

    @Test
    void aTrunkItsOutboundRoutesTheirOrderAndInboundRoutesAreManagedInTheBrowser() {
        browser.open("/trunks");
        browser.click("add-trunk");
        browser.fill("trunk-id", "itsp");
        browser.fill("trunk-host", TandemProcess.HOST);
        browser.fill("trunk-port", Integer.toString(FreePorts.udpAndTcp()));
        browser.fill("trunk-username", "acct-1");
        browser.fill("trunk-password", "Trunk-secret-9");
        browser.fill("trunk-max-channels", "0");
        browser.click("save-trunk");
        assertThat(browser.fieldError("trunk-max-channels")).contains("1 to 10000");
        assertThat(tandem.api().send("GET", "/api/v1/trunks/itsp", null).status()).as("nothing saved").isEqualTo(404);
        browser.fill("trunk-max-channels", "4");
        browser.click("save-trunk");
        browser.awaitText("trunks", "itsp");
        browser.awaitText("trunks", "off");
        Reply trunk = tandem.api().send("GET", "/api/v1/trunks/itsp", null);
        assertThat(trunk.json().get("username").asText()).isEqualTo("acct-1");
        assertThat(trunk.json().get("hasPassword").asBoolean()).isTrue();
        assertThat(trunk.json().get("maxChannels").asInt()).isEqualTo(4);
        assertThat(trunk.body()).doesNotContain("Trunk-secret-9");
        browser.screenshot(screenshot("trunks"));
        clickCell("trunks", "itsp");
        assertThat(browser.element(By.cssSelector("#trunk-password input")).getAttribute("value"))
                .as("the password is never shown back").isEmpty();
        assertThat(browser.pageText()).doesNotContain("Trunk-secret-9");

        browser.open("/outbound-routes");
        addRoute("local", "9|NXXXXXX", "itsp");
        addRoute("world", "00.", "itsp");
        assertThat(routeOrder()).containsExactly("local", "world");
        browser.click("route-up-world");
        browser.until(() -> routeOrder().equals(List.of("world", "local")), "world moved before local in the API");
        JsonNode local = tandem.api().send("GET", "/api/v1/outbound-routes/local", null).json();
        assertThat(local.get("patterns").get(0).asText()).isEqualTo("9|NXXXXXX");
        assertThat(local.get("trunks").get(0).asText()).isEqualTo("itsp");
        browser.screenshot(screenshot("outbound-routes"));

        // issue 17: a destination must exist, so the ring group and the user the routes name are made first
        tandem.api().createUser("421", "Ida Default", PASSWORD);
        assertThat(tandem.api().send("POST", "/api/v1/ring-groups", "{\"number\":\"610\",\"name\":\"Front desk\","
                + "\"members\":[{\"destination\":\"extension:421\"}]}").status()).isEqualTo(201);
        browser.open("/inbound-routes");
        browser.fill("inbound-did", "+4930555000");
        choose("inbound-destination-type", "External number");
        browser.fill("inbound-destination-value", "call me");
        browser.click("add-inbound-route");
        assertThat(browser.fieldError("inbound-destination")).contains("external numbers are digits");
        assertThat(tandem.api().send("GET", "/api/v1/inbound-routes", null).json()).as("nothing saved").isEmpty();
        choose("inbound-destination-type", "Ring group");
        browser.fill("inbound-destination-value", "610");
        browser.click("add-inbound-route");
        browser.awaitText("inbound-routes", "ringgroup:610");
        assertThat(tandem.api().send("GET", "/api/v1/inbound-routes/+4930555000", null).json().get("destination")
                .asText()).isEqualTo("ringgroup:610");
        choose("inbound-default-type", "Extension");
        browser.fill("inbound-default-value", "421");
        browser.click("save-inbound-default");
        browser.until(() -> tandem.api().send("GET", "/api/v1/inbound-routes/default", null).json().get("destination")
                .asText().equals("extension:421"), "the default destination saved");
        browser.screenshot(screenshot("inbound-routes"));
    }

    @Test
    void aTrunkThatRegistersShowsItsRegistrationLiveOnTheTrunksPage() {
        int port = FreePorts.udpAndTcp();
        // the provider grants 2 s, then refuses the refresh with 403 (see sipp/trunk-register/README)
        Sipp.Running provider = tandem.sipp("trunk-register", "provider.xml").localPort(port)
                .key("user", "acct-reg").key("password", "Pw-reg-page").timeout(Duration.ofSeconds(20)).start()
                .awaitListening(port, Transport.UDP);
        browser.open("/trunks");
        browser.click("add-trunk");
        browser.fill("trunk-id", "reg");
        browser.fill("trunk-host", TandemProcess.HOST);
        browser.fill("trunk-port", Integer.toString(port));
        browser.fill("trunk-username", "acct-reg");
        browser.fill("trunk-from-domain", "provider.test");
        browser.toggle("trunk-register");
        browser.click("save-trunk");
        assertThat(browser.fieldError("trunk-password")).isEqualTo("is required to register");
        assertThat(tandem.api().send("GET", "/api/v1/trunks/reg", null).status()).as("nothing saved").isEqualTo(404);

        browser.fill("trunk-password", "Pw-reg-page");
        browser.click("save-trunk");
        // no reload: the page polls the registration client
        browser.awaitText("trunks", "failed: the provider answered 403");
        provider.await().assertSuccess();
        assertThat(tandem.api().send("GET", "/api/v1/trunks/reg/status", null).json().get("reason").asText())
                .contains("403");
    }

    @Test
    void anAdminSetsAUsersForwardingDndAndOutboundClassFromTheUsersPage() {
        tandem.api().createUser("411", "Cleo Settings", PASSWORD);
        browser.open("/users");
        clickCell("users", "411");
        browser.click("user-call-settings");
        browser.awaitPath("/user-routing/411");
        browser.awaitText("user-routing-title", "Cleo Settings");
        browser.toggle("cs-dnd");

        choose("cs-forward-busy-type", "Extension");
        browser.fill("cs-forward-busy-value", "411");
        browser.click("save-call-settings");
        assertThat(browser.fieldError("cs-forward-busy")).isEqualTo("would forward the extension to itself");
        assertThat(callSettings("411").has("forwardBusy")).as("nothing saved").isFalse();
        assertThat(callSettings("411").get("dnd").asBoolean()).isFalse();

        empty("cs-forward-busy-value");
        choose("cs-forward-always-type", "External number");
        browser.fill("cs-forward-always-value", "+4930123456");
        browser.click("save-call-settings");
        browser.until(() -> callSettings("411").path("forwardAlways").asText().equals("external:+4930123456"),
                "the forwarding saved");
        assertThat(callSettings("411").get("dnd").asBoolean()).isTrue();

        choose("out-permission", "international numbers");
        browser.fill("out-caller-id", "+4930999");
        browser.toggle("out-forward-external"); // issue 22: off unless the admin turns it on
        browser.click("save-outbound");
        browser.until(() -> tandem.api().send("GET", "/api/v1/users/411/outbound", null).json().path("permission")
                .asText().equals("international"), "the outbound class saved");
        assertThat(tandem.api().send("GET", "/api/v1/users/411/outbound", null).json().get("callerId").asText())
                .isEqualTo("+4930999");
        assertThat(tandem.api().send("GET", "/api/v1/users/411/outbound", null).json().get("forwardExternalCallers")
                .asBoolean()).as("forwarding outside callers out, turned on").isTrue();

        browser.open("/user-routing/411");
        browser.awaitText("user-routing-title", "Cleo Settings");
        assertThat(browser.element(By.cssSelector("#cs-forward-always-value input")).getAttribute("value"))
                .as("the saved forwarding shown again").isEqualTo("+4930123456");
        browser.screenshot(screenshot("user-call-settings"));
    }

    private void addRoute(String id, String pattern, String trunk) {
        browser.click("add-outbound-route");
        browser.fill("route-id", id);
        browser.fill("route-patterns", pattern);
        browser.fill("route-trunks", trunk);
        browser.click("save-route");
        browser.awaitText("outbound-routes", id);
    }

    private static List<String> routeOrder() {
        List<String> ids = new ArrayList<>();
        tandem.api().send("GET", "/api/v1/outbound-routes", null).json().forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static String featureCode(String feature) {
        return tandem.api().send("GET", "/api/v1/feature-codes", null).json().get(feature).asText();
    }

    private static JsonNode callSettings(String extension) {
        return tandem.api().send("GET", "/api/v1/users/" + extension + "/call-settings", null).json();
    }

    /** Picks an entry of the Vaadin select with this id, as a person does: open it, click the entry. */
    private void choose(String selectId, String label) {
        browser.element(By.cssSelector("#" + selectId + " vaadin-select-value-button")).click();
        // the entries of the open list (the value button shows a copy of the chosen one: not that)
        By item = By.xpath("//vaadin-select-list-box//vaadin-select-item[normalize-space(.)='" + label + "']");
        browser.until(() -> browser.all(item).stream().anyMatch(WebElement::isDisplayed), "'" + label + "' offered");
        browser.all(item).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        browser.until(() -> browser.all(item).stream().noneMatch(WebElement::isDisplayed), "the list closed");
    }

    /**
     * Empties a text field as a person does (select all, delete, leave the field): Selenium's clear() alone
     * fires no change event, so Vaadin would keep the old value.
     */
    private void empty(String fieldId) {
        browser.element(By.cssSelector("#" + fieldId + " input"))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.TAB);
    }

    /** Clicks the grid cell showing exactly {@code text} (opens that row's editor). */
    private void clickCell(String gridId, String text) {
        browser.awaitText(gridId, text);
        browser.element(By.xpath("//*[@id='" + gridId + "']//vaadin-grid-cell-content[normalize-space(.)='" + text
                + "']")).click();
    }

    private static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
