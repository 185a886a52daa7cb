package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * Issue 3's objects managed from the admin web UI (real headless Chromium against the built jar), each
 * change checked in the REST API: a ring group (and a SIPp call that rings its member), a paging group, feature codes,
 * a trunk, outbound routes and their order, inbound routes and the default destination, a user's
 * forwarding, DND and outbound class. Bad values are shown next to their field and nothing is saved. (The queue pages
 * are {@link QueuePagesIT}'s.)
 */
class RoutingPagesIT {

    @RegisterExtension
    // own appliance: it changes feature codes and the inbound default, and lists every route
    static final TandemExtension tandem = new TandemExtension();

    private static final String PASSWORD = "Pages-secret-1";

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

    @Test
    void aRingGroupMadeInTheBrowserIsInTheApiAndRingsItsMember() {
        tandem.api().createUser("401", "Ann Member", PASSWORD);
        tandem.api().createUser("402", "Ben Caller", PASSWORD);
        browsers.get().open("/ring-groups");
        browsers.get().click("add-ring-group");
        browsers.get().fill("rg-number", "600");
        browsers.get().fill("rg-name", "Sales");
        browsers.get().choose("rg-strategy", "Sequential (one after another)");
        browsers.get().fill("rg-member-0-value", "401");
        browsers.get().fill("rg-member-0-seconds", "15");
        browsers.get().click("rg-add-member");
        browsers.get().choose("rg-member-1-type", "External number");
        browsers.get().fill("rg-member-1-value", "+4930123456");
        browsers.get().choose("rg-fallback-type", "Voicemail box");
        browsers.get().fill("rg-fallback-value", "not a box!");
        browsers.get().fill("rg-caller-id-prefix", "Sales: ");
        browsers.get().click("save-ring-group");

        assertThat(browsers.get().fieldError("rg-fallback")).contains("is not a valid voicemail");
        assertThat(tandem.api().send("GET", "/api/v1/ring-groups/600", null).status())
                .as("nothing saved")
                .isEqualTo(404);
        browsers.get().screenshot(screenshot("ring-group-bad-destination"));

        browsers.get().fill("rg-fallback-value", "401");
        browsers.get().click("save-ring-group");
        browsers.get().awaitText("ring-groups", "Sales");
        JsonNode group =
                tandem.api().send("GET", "/api/v1/ring-groups/600", null).json();
        assertThat(group.get("name").asText()).isEqualTo("Sales");
        assertThat(group.get("strategy").asText()).isEqualTo("SEQUENTIAL");
        assertThat(group.get("members").get(0).get("destination").asText()).isEqualTo("extension:401");
        assertThat(group.get("members").get(0).get("ringSeconds").asInt()).isEqualTo(15);
        assertThat(group.get("members").get(1).get("destination").asText()).isEqualTo("external:+4930123456");
        assertThat(group.get("fallback").asText()).isEqualTo("voicemail:401");
        assertThat(group.get("callerIdPrefix").asText()).isEqualTo("Sales: ");
        browsers.get().screenshot(screenshot("ring-groups"));

        int port = FreePorts.udpAndTcp();
        tandem.register("401", PASSWORD, port, Transport.UDP);
        Sipp.Running member = tandem.sipp("call", "uas.xml")
                .transport(Transport.UDP)
                .localPort(port)
                .service("401")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);
        tandem.sipp("call", "uac.xml")
                .service("402")
                .credentials("402", PASSWORD)
                .key("callee", "600")
                .runAndAssertSuccess();
        member.await().assertSuccess();
    }

    /**
     * Issue 18: a paging group made on its page; a member who is no user is named next to the members field, an
     * address that is not multicast next to the multicast field.
     */
    @Test
    void aPagingGroupMadeInTheBrowserIsInTheApi() {
        tandem.api().createUser("481", "Pia Member", PASSWORD);
        tandem.api().createUser("482", "Paul Member", PASSWORD);
        browsers.get().open("/paging-groups");
        browsers.get().click("add-paging-group");
        browsers.get().fill("pg-number", "710");
        browsers.get().fill("pg-name", "Warehouse");
        browsers.get().enter("pg-members", "481, 499");
        browsers.get().fill("pg-multicast", "192.168.1.5:5000");
        browsers.get().click("save-paging-group");

        assertThat(browsers.get().fieldError("pg-members")).isEqualTo("there is no extension 499");
        assertThat(browsers.get().fieldError("pg-multicast")).contains("multicast range 224.0.0.0 to 239.255.255.255");
        assertThat(tandem.api().send("GET", "/api/v1/paging-groups/710", null).status())
                .as("nothing saved")
                .isEqualTo(404);
        browsers.get().screenshot(screenshot("paging-group-bad-member"));

        browsers.get().clearChosen("pg-members");
        browsers.get().pickAlso("pg-members", "pia", "481 · Pia Member");
        browsers.get().pickAlso("pg-members", "paul", "482 · Paul Member");
        browsers.get().fill("pg-multicast", "239.1.1.10:5000");
        browsers.get().click("save-paging-group");
        browsers.get().awaitText("paging-groups", "Warehouse");
        JsonNode group =
                tandem.api().send("GET", "/api/v1/paging-groups/710", null).json();
        assertThat(group.get("name").asText()).isEqualTo("Warehouse");
        assertThat(group.get("members").toString()).isEqualTo("[\"481\",\"482\"]");
        assertThat(group.get("multicastAddress").asText()).isEqualTo("239.1.1.10:5000");
        browsers.get().awaitText("paging-groups", "multicast 239.1.1.10:5000");
        browsers.get().screenshot(screenshot("paging-groups"));
    }

    @Test
    void aFeatureCodeIsChangedAndAClashIsShownNextToItsField() {
        browsers.get().open("/feature-codes");
        browsers.get().fill("fc-DND_ON", "*79");
        browsers.get().click("save-feature-codes");

        assertThat(browsers.get().fieldError("fc-DND_ON"))
                .isEqualTo("is the same code as do not disturb off"); // issue 17: words, not DND_OFF
        assertThat(featureCode("DND_ON")).as("nothing changed").isEqualTo("*78");
        browsers.get().screenshot(screenshot("feature-codes-clash"));

        browsers.get().fill("fc-DND_ON", "*55");
        browsers.get().click("save-feature-codes");
        browsers.get().until(() -> featureCode("DND_ON").equals("*55"), "DND_ON saved as *55");
        assertThat(featureCode("DND_OFF")).isEqualTo("*79");
        browsers.get().screenshot(screenshot("feature-codes"));
    }

    @Test
    void aTrunkItsOutboundRoutesTheirOrderAndInboundRoutesAreManagedInTheBrowser() {
        browsers.get().open("/trunks");
        browsers.get().click("add-trunk");
        browsers.get().fill("trunk-id", "itsp");
        browsers.get().fill("trunk-host", TandemProcess.HOST);
        browsers.get().fill("trunk-port", Integer.toString(FreePorts.udpAndTcp()));
        browsers.get().fill("trunk-username", "acct-1");
        browsers.get().fill("trunk-password", "Trunk-secret-9");
        browsers.get().fill("trunk-max-channels", "0");
        browsers.get().click("save-trunk");
        assertThat(browsers.get().fieldError("trunk-max-channels")).contains("1 to 10000");
        assertThat(tandem.api().send("GET", "/api/v1/trunks/itsp", null).status())
                .as("nothing saved")
                .isEqualTo(404);
        browsers.get().fill("trunk-max-channels", "4");
        browsers.get().click("save-trunk");
        browsers.get().awaitText("trunks", "itsp");
        browsers.get().awaitText("trunks", "off");
        Reply trunk = tandem.api().send("GET", "/api/v1/trunks/itsp", null);
        assertThat(trunk.json().get("username").asText()).isEqualTo("acct-1");
        assertThat(trunk.json().get("hasPassword").asBoolean()).isTrue();
        assertThat(trunk.json().get("maxChannels").asInt()).isEqualTo(4);
        assertThat(trunk.body()).doesNotContain("Trunk-secret-9");
        browsers.get().screenshot(screenshot("trunks"));
        clickCell("trunks", "itsp");
        assertThat(browsers.get()
                        .element(By.cssSelector("#trunk-password input"))
                        .getAttribute("value"))
                .as("the password is never shown back")
                .isEmpty();
        assertThat(browsers.get().pageText()).doesNotContain("Trunk-secret-9");

        browsers.get().open("/outbound-routes");
        addRoute("local", "9|NXXXXXX", "itsp");
        addRoute("world", "00.", "itsp");
        assertThat(routeOrder()).containsExactly("local", "world");
        browsers.get().click("route-up-world");
        browsers.get()
                .until(() -> routeOrder().equals(List.of("world", "local")), "world moved before local in the API");
        JsonNode local =
                tandem.api().send("GET", "/api/v1/outbound-routes/local", null).json();
        assertThat(local.get("patterns").get(0).asText()).isEqualTo("9|NXXXXXX");
        assertThat(local.get("trunks").get(0).asText()).isEqualTo("itsp");
        browsers.get().screenshot(screenshot("outbound-routes"));

        // issue 17: a destination must exist, so the ring group and the user the routes name are made first
        tandem.api().createUser("421", "Ida Default", PASSWORD);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/ring-groups",
                                "{\"number\":\"610\",\"name\":\"Front desk\","
                                        + "\"members\":[{\"destination\":\"extension:421\"}]}")
                        .status())
                .isEqualTo(201);
        browsers.get().open("/inbound-routes");
        browsers.get().fill("inbound-did", "+4930555000");
        browsers.get().choose("inbound-destination-type", "External number");
        browsers.get().fill("inbound-destination-value", "call me");
        browsers.get().click("add-inbound-route");
        assertThat(browsers.get().fieldError("inbound-destination")).contains("external numbers are digits");
        assertThat(tandem.api().send("GET", "/api/v1/inbound-routes", null).json())
                .as("nothing saved")
                .isEmpty();
        browsers.get().choose("inbound-destination-type", "Ring group");
        browsers.get().fill("inbound-destination-value", "610");
        browsers.get().click("add-inbound-route");
        browsers.get().awaitText("inbound-routes", "Ring group 610 · Front desk"); // in words (issue 17)
        assertThat(tandem.api()
                        .send("GET", "/api/v1/inbound-routes/+4930555000", null)
                        .json()
                        .get("destination")
                        .asText())
                .isEqualTo("ringgroup:610");
        browsers.get().choose("inbound-default-type", "Extension");
        browsers.get().fill("inbound-default-value", "421");
        browsers.get().click("save-inbound-default");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/inbound-routes/default", null)
                                .json()
                                .get("destination")
                                .asText()
                                .equals("extension:421"),
                        "the default destination saved");
        browsers.get().screenshot(screenshot("inbound-routes"));
    }

    @Test
    void aTrunkThatRegistersShowsItsRegistrationLiveOnTheTrunksPage() {
        int port = FreePorts.udpAndTcp();
        // the provider grants 2 s, then refuses the refresh with 403 (see sipp/trunk-register/README)
        Sipp.Running provider = tandem.sipp("trunk-register", "provider.xml")
                .localPort(port)
                .key("user", "acct-reg")
                .key("password", "Pw-reg-page")
                .key("expires", "2")
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Transport.UDP);
        browsers.get().open("/trunks");
        browsers.get().click("add-trunk");
        browsers.get().fill("trunk-id", "reg");
        browsers.get().fill("trunk-host", TandemProcess.HOST);
        browsers.get().fill("trunk-port", Integer.toString(port));
        browsers.get().fill("trunk-username", "acct-reg");
        browsers.get().fill("trunk-from-domain", "provider.test");
        browsers.get().toggle("trunk-register");
        browsers.get().click("save-trunk");
        assertThat(browsers.get().fieldError("trunk-password")).isEqualTo("is required to register");
        assertThat(tandem.api().send("GET", "/api/v1/trunks/reg", null).status())
                .as("nothing saved")
                .isEqualTo(404);

        browsers.get().fill("trunk-password", "Pw-reg-page");
        browsers.get().click("save-trunk");
        // no reload: the page polls the registration client
        browsers.get().awaitText("trunks", "failed: the provider answered 403");
        provider.await().assertSuccess();
        assertThat(tandem.api()
                        .send("GET", "/api/v1/trunks/reg/status", null)
                        .json()
                        .get("reason")
                        .asText())
                .contains("403");
    }

    @Test
    void anAdminSetsAUsersForwardingDndAndOutboundClassFromTheUsersPage() {
        tandem.api().createUser("411", "Cleo Settings", PASSWORD);
        browsers.get().open("/users");
        clickCell("users", "411");
        browsers.get().click("user-call-settings");
        browsers.get().awaitPath("/user-routing/411");
        browsers.get().awaitText("user-routing-title", "Cleo Settings");
        browsers.get().toggle("cs-dnd");

        browsers.get().choose("cs-forward-busy-type", "Extension");
        browsers.get().fill("cs-forward-busy-value", "411");
        browsers.get().click("save-call-settings");
        assertThat(browsers.get().fieldError("cs-forward-busy")).isEqualTo("would forward the extension to itself");
        assertThat(callSettings("411").has("forwardBusy")).as("nothing saved").isFalse();
        assertThat(callSettings("411").get("dnd").asBoolean()).isFalse();

        empty("cs-forward-busy-value");
        browsers.get().choose("cs-forward-always-type", "External number");
        browsers.get().fill("cs-forward-always-value", "+4930123456");
        browsers.get().click("save-call-settings");
        browsers.get()
                .until(
                        () -> callSettings("411").path("forwardAlways").asText().equals("external:+4930123456"),
                        "the forwarding saved");
        assertThat(callSettings("411").get("dnd").asBoolean()).isTrue();

        browsers.get().choose("out-permission", "international numbers");
        browsers.get().fill("out-caller-id", "+4930999");
        browsers.get().toggle("out-forward-external"); // issue 22: off unless the admin turns it on
        browsers.get().click("save-outbound");
        browsers.get()
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/users/411/outbound", null)
                                .json()
                                .path("permission")
                                .asText()
                                .equals("international"),
                        "the outbound class saved");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/users/411/outbound", null)
                        .json()
                        .get("callerId")
                        .asText())
                .isEqualTo("+4930999");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/users/411/outbound", null)
                        .json()
                        .get("forwardExternalCallers")
                        .asBoolean())
                .as("forwarding outside callers out, turned on")
                .isTrue();

        browsers.get().open("/user-routing/411");
        browsers.get().awaitText("user-routing-title", "Cleo Settings");
        assertThat(browsers.get()
                        .element(By.cssSelector("#cs-forward-always-value input"))
                        .getAttribute("value"))
                .as("the saved forwarding shown again")
                .isEqualTo("+4930123456");
        browsers.get().screenshot(screenshot("user-call-settings"));
    }

    private void addRoute(String id, String pattern, String trunk) {
        browsers.get().click("add-outbound-route");
        browsers.get().fill("route-id", id);
        browsers.get().fill("route-patterns", pattern);
        browsers.get().fill("route-trunks", trunk);
        browsers.get().click("save-route");
        browsers.get().awaitText("outbound-routes", id);
    }

    private static List<String> routeOrder() {
        List<String> ids = new ArrayList<>();
        tandem.api()
                .send("GET", "/api/v1/outbound-routes", null)
                .json()
                .forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static String featureCode(String feature) {
        return tandem.api()
                .send("GET", "/api/v1/feature-codes", null)
                .json()
                .get(feature)
                .asText();
    }

    private static JsonNode callSettings(String extension) {
        return tandem.api()
                .send("GET", "/api/v1/users/" + extension + "/call-settings", null)
                .json();
    }

    /** Picks an entry of the Vaadin select with this id, as a person does: open it, click the entry. */

    /**
     * Empties a text field as a person does (select all, delete, leave the field): Selenium's clear() alone
     * fires no change event, so Vaadin would keep the old value.
     */
    private void empty(String fieldId) {
        browsers.get()
                .element(By.cssSelector("#" + fieldId + " input"))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.TAB);
    }

    /** Clicks the grid cell showing exactly {@code text} (opens that row's editor). */
    private void clickCell(String gridId, String text) {
        browsers.get().awaitText(gridId, text);
        browsers.get()
                .element(By.xpath(
                        "//*[@id='" + gridId + "']//vaadin-grid-cell-content[normalize-space(.)='" + text + "']"))
                .click();
    }

    private static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }
}
