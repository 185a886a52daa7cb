package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tandem.appliance.testsupport.PhoneHttp;

/**
 * The Phones page in real headless Chromium against the built jar: a phone added by MAC (a bad MAC is
 * refused next to its field and nothing is saved), a user put on its line and a BLF key (the API shows
 * them), its files with the secrets masked (the secret is nowhere in the page), an emulated Yealink
 * fetching its configuration showing up in the page, the resync button's outcome before and after the
 * phone registered (the phone itself, not a softphone of the same user: issue 17 defect 6), and a phone found by its
 * first fetch listed unassigned and then assigned.
 */
class PhonesPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers (461, 462) and MACs of its own

    static final String MAC = "001565bb0001";
    static final String UA = "Yealink SIP-T46S 66.86.0.15 00:15:65:bb:00:01";
    static final String SECRET = "Desk-secret-461";

    private Browser browser;

    @BeforeAll
    static void chromiumInstalledAndUsers() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        tandem.api().createUser("461", "Alice Desk", SECRET);
        tandem.api().createUser("462", "Bob Lamp", "Desk-secret-462");
    }

    @BeforeEach
    void openBrowserAsAdmin() {
        browser = new Browser(tandem.process());
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.awaitPath("/");
        browser.byId("registrations");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    static Path screenshot(String name) {
        return tandem.process().workDir().resolve("screens").resolve(name + ".png");
    }

    /** Types into a combo box and commits with Enter, as a person picking the entry does. */
    private void choose(String comboId, String text) {
        browser.click(comboId);
        WebElement input = browser.element(By.cssSelector("#" + comboId + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.ENTER);
    }

    private JsonNode device(String mac) {
        TandemApi.Reply r = tandem.api().send("GET", "/api/v1/devices/" + mac, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anAdminAddsAPhoneAssignsItAndSeesItsMaskedFilesFetchesAndResync() {
        int before = tandem.api().send("GET", "/api/v1/devices", null).json().size();
        browser.open("/phones");
        browser.click("add-phone");
        browser.fill("phone-mac", "00:15:65:zz:00:01");
        choose("phone-model", "SIP-T46S");
        browser.click("save-phone");
        assertThat(browser.fieldError("phone-mac")).contains("12 hex digits");
        assertThat(tandem.api().send("GET", "/api/v1/devices", null).json())
                .as("nothing saved")
                .hasSize(before);
        browser.screenshot(screenshot("phones-bad-mac"));

        browser.fill("phone-mac", "00:15:65:BB:00:01");
        browser.click("save-phone");
        browser.awaitPath("/phone/" + MAC);
        assertThat(device(MAC).get("model").asText()).isEqualTo("SIP-T46S");

        choose("phone-line-1", "461");
        browser.click("add-key");
        browser.fill("key-target-1", "462");
        browser.fill("key-label-1", "Bob");
        browser.click("save-assignment");
        browser.until(() -> device(MAC).get("assigned").asBoolean(), "line 1 saved");
        JsonNode saved = device(MAC);
        assertThat(saved.get("lines").get(0).get("extension").asText()).isEqualTo("461");
        JsonNode key = saved.get("keys").get(0);
        // the form numbers the first key after line 1's own (a Yealink shows its lines on the first keys)
        assertThat(key.get("index").asInt()).isEqualTo(2);
        assertThat(key.get("kind").asText()).isEqualTo("BLF");
        assertThat(key.get("target").asText()).isEqualTo("462");
        assertThat(key.get("label").asText()).isEqualTo("Bob");

        // pre-staged: the admin accepts its next request before plugging it in (first contact, issue 22 finding 2)
        browser.click("phone-accept");
        browser.awaitText("accept-result", "from any address within 15 minutes");
        assertThat(device(MAC).path("firstContact").path("acceptedUntil").isTextual())
                .isTrue();
        // the emulated phone: boot file by MAC, then its configuration from the per-device URL it names
        PhoneHttp phone = new PhoneHttp("127.0.0.81", tandem.process().httpPort(), UA);
        PhoneHttp.Response boot = phone.get("/prov/" + MAC + ".boot");
        Matcher url = Pattern.compile("include:config \"https?://[^/]+(/prov/d/([^/]+)/[^\"]+\\.cfg)\"")
                .matcher(boot.body());
        assertThat(url.find()).as(boot.body()).isTrue();
        String token = url.group(2);
        String config = phone.get(url.group(1)).body();
        assertThat(config).contains("account.1.password = " + SECRET);

        // issue 17, defect 11: what the fetch came to in words, not CONFIG_WITH_CREDENTIALS
        browser.awaitText("phone-fetches", "Configuration sent, with its SIP account");
        assertThat(browser.text("phone-fetches")).doesNotContain("CONFIG_WITH_CREDENTIALS");
        assertThat(browser.text("phone-fetches"))
                .contains(MAC + ".cfg")
                .contains("127.0.0.81")
                .contains(UA);
        browser.awaitText("phone-summary", "firmware 66.86.0.15");
        assertThat(browser.text("phone-summary")).contains("from 127.0.0.81").contains("461 not registered");

        browser.click("file-1");
        browser.click("file-2");
        browser.awaitText("phone-files", "account.1.password = ********");
        assertThat(browser.text("phone-files"))
                .contains("account.1.user_name = 461")
                .contains("linekey.2.value = 462");
        assertThat(browser.pageSource())
                .as("no secret in the page")
                .doesNotContain(SECRET)
                .doesNotContain(token);

        browser.click("phone-resync");
        browser.awaitText("resync-result", "Not registered: no NOTIFY sent");

        int port = FreePorts.udpAndTcp();
        // first a softphone of the same user: the desk phone is still not registered (issue 17, defect 6)
        tandem.register("461", SECRET, FreePorts.udpAndTcp(), Sipp.Transport.UDP, "baresip v3.10.1 (x86_64/Linux)");
        browser.awaitText("phone-summary", "461 not registered (only on another device: baresip");
        // gone again (Contact: *), so the resync below has the phone alone to tell
        tandem.sipp("unregister", "uac-all.xml")
                .service("461")
                .credentials("461", SECRET)
                .runAndAssertSuccess();
        // then the phone itself, whose User-Agent carries its MAC
        tandem.register("461", SECRET, port, Sipp.Transport.UDP, UA);
        Sipp.Running notified = tandem.sipp("check-sync", "uas.xml")
                .localPort(port)
                .service("461")
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Sipp.Transport.UDP);
        browser.click("phone-resync");
        browser.awaitText("resync-result", "check-sync NOTIFY sent to 1 registered phone");
        notified.await().assertSuccess();
        browser.awaitText("resync-result", "answered 200");
        browser.awaitText("phone-summary", "461 registered");
        browser.screenshot(screenshot("phone"));

        browser.click("show-prov-login");
        browser.awaitText(
                "prov-login",
                "/prov/a/ with user " + MAC + " and password "
                        + device(MAC).get("provisioningPassword").asText());

        browser.open("/phones");
        browser.awaitText("phones", MAC);
        assertThat(browser.text("phones"))
                .contains("SIP-T46S")
                .contains("66.86.0.15")
                .contains("461 registered")
                .contains("from 127.0.0.81");
        browser.screenshot(screenshot("phones"));
    }

    @Test
    void aPhoneFoundByItsFirstFetchWaitsIsAcceptedInTheListAndGetsAUser() {
        String mac = "001565bb0002";
        PhoneHttp phone = new PhoneHttp(
                "127.0.0.82", tandem.process().httpPort(), "Yealink SIP-T46S 66.86.0.15 00:15:65:bb:00:02");
        assertThat(phone.get("/prov/" + mac + ".cfg").status()).isEqualTo(404);

        // first contact: it waits, shown with where it asked from; the admin accepts it in the list
        browser.open("/phones");
        browser.awaitText("waiting-phones", mac);
        assertThat(browser.text("waiting-phones")).contains("127.0.0.82").contains("Yealink SIP-T46S");
        browser.screenshot(screenshot("phones-waiting"));
        browser.click("accept-" + mac);
        browser.until(
                () -> "127.0.0.82"
                        .equals(device(mac)
                                .path("firstContact")
                                .path("acceptedSource")
                                .asText()),
                "accepted for 127.0.0.82");
        assertThat(phone.get("/prov/" + mac + ".boot").body()).contains("/prov/d/");
        browser.awaitText("phones", mac);
        assertThat(browser.text("phone-count")).contains("unassigned");
        // the phones grid's cell (the waiting list, hidden now, has one with the MAC too)
        browser.element(By.xpath("//*[@id='phones']/vaadin-grid-cell-content[normalize-space(.)='" + mac + "']"))
                .click();
        browser.awaitPath("/phone/" + mac);
        choose("phone-line-1", "999");
        browser.click("save-assignment");
        browser.awaitText("phone-lines-error", "no user has extension 999");
        assertThat(device(mac).get("assigned").asBoolean()).as("nothing saved").isFalse();

        choose("phone-line-1", "462");
        browser.click("save-assignment");
        browser.until(() -> device(mac).get("assigned").asBoolean(), "line 1 saved");
        assertThat(device(mac).get("lines").get(0).get("extension").asText()).isEqualTo("462");
    }
}
