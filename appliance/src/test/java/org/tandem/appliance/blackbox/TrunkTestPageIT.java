package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * A trunk's "Test" (issue 17): the appliance sends its provider an OPTIONS (RFC 3261 §11) and says what came back. A
 * SIPp provider answers 200 (it checks the request names the trunk's account); a provider that is not there gets no
 * answer within 5 s, said in words; over the API as on the page. And "New trunk from template": a provider's settings
 * fill the editor, the admin types the rest, and the trunk keeps the template's name and codecs.
 */
class TrunkTestPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    @Test
    void theTestButtonAsksTheProviderAndSaysWhatCameBack() {
        int port = FreePorts.udpAndTcp();
        Sipp.Running provider = tandem.sipp("trunk-options", "provider.xml")
                .localPort(port)
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("opt", port))
                        .status())
                .isEqualTo(201);

        Browser browser = browsers.signedIn("/trunks");
        browser.clickCell("trunks", "opt");
        // the button answers at once with "asking the provider…"; a click that landed while the dialog was still
        // opening did nothing (in two loaded full runs the provider never got the OPTIONS): click again, as a person
        // would
        browser.click("test-trunk");
        try {
            browser.until(() -> !browser.text("trunk-test-result").isBlank(), "the Test button's reaction");
        } catch (org.openqa.selenium.TimeoutException lost) {
            browser.click("test-trunk");
        }
        try {
            browser.until(
                    () -> browser.element(By.id("trunk-test-result"))
                            .getText()
                            .matches("reachable: the provider answered 200 OK in \\d+ ms"),
                    "the provider's 200 shown");
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page shows '" + browser.text("trunk-test-result") + "'", e);
        }
        provider.await().assertSuccess();

        // nobody at the address: no answer, said in words (the API answers the same way)
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("dead", FreePorts.udpAndTcp()))
                        .status())
                .isEqualTo(201);
        TandemApi.Reply dead = tandem.api().send("POST", "/api/v1/trunks/dead/test", null);
        assertThat(dead.status()).isEqualTo(200);
        JsonNode r = dead.json();
        assertThat(r.get("reachable").asBoolean()).isFalse();
        assertThat(r.get("message").asText())
                .startsWith("not reachable: no answer from 127.0.0.1:")
                .endsWith("within 5 s");
        assertThat(tandem.api().send("POST", "/api/v1/trunks/nosuch/test", null).status())
                .isEqualTo(404);
    }

    @Test
    void aNewTrunkFromATemplateIsFilledWithTheProvidersSettings() {
        Browser browser = browsers.signedIn("/trunks");
        browser.choose("trunk-from-template", "Flowroute");
        browser.until(() -> "sip.flowroute.com".equals(value(browser, "trunk-host")), "the template's host filled in");
        assertThat(value(browser, "trunk-codecs"))
                .as("Flowroute names no codecs: any")
                .isEmpty();
        assertThat(browser.element(By.cssSelector("#trunk-assert-identity")).getDomAttribute("checked"))
                .as("Flowroute reads P-Asserted-Identity first")
                .isNotNull();
        assertThat(browser.text("trunk-template-notes"))
                .contains("tech prefix")
                .contains("https://support.flowroute.com/");
        browser.click("trunk-close");

        browser.choose("trunk-from-template", "Twilio Elastic SIP Trunking");
        browser.until(() -> "PCMU, PCMA".equals(value(browser, "trunk-codecs")), "the template's codecs filled in");
        assertThat(value(browser, "trunk-host"))
                .as("the admin's own termination URI")
                .isEmpty();
        assertThat(browser.element(By.cssSelector("#trunk-register")).getDomAttribute("checked"))
                .isNull();
        browser.fill("trunk-id", "twilio");
        browser.fill("trunk-host", "127.0.0.1");
        browser.fill("trunk-username", "acct-twilio");
        browser.fill("trunk-password", "pw-twilio");
        browser.fill("trunk-codecs", "PCMU, AMR");
        browser.click("save-trunk");
        assertThat(browser.fieldError("trunk-codecs")).contains("'AMR' is no codec Tandem knows");
        browser.fill("trunk-codecs", "PCMU, PCMA");
        browser.click("save-trunk");
        browser.until(
                () -> tandem.api().send("GET", "/api/v1/trunks/twilio", null).status() == 200, "the trunk saved");

        JsonNode saved = tandem.api().send("GET", "/api/v1/trunks/twilio", null).json();
        assertThat(saved.get("template").asText()).isEqualTo("twilio-elastic-sip");
        assertThat(saved.get("codecs").toString()).isEqualTo("[\"PCMU\",\"PCMA\"]");
        assertThat(saved.get("register").asBoolean()).isFalse();
        assertThat(saved.get("hasPassword").asBoolean()).isTrue();
        browser.clickCell("trunks", "twilio");
        browser.awaitText("trunk-template-notes", "Twilio Elastic SIP Trunking");
        assertThat(tandem.api().send("DELETE", "/api/v1/trunks/twilio", null).status())
                .isEqualTo(204);
    }

    private static String value(Browser browser, String fieldId) {
        return browser.element(By.cssSelector("#" + fieldId + " input")).getDomProperty("value");
    }

    private static String trunk(String id, int port) {
        return "{\"id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"acct-" + id
                + "\",\"password\":\"pw-" + id + "\",\"fromDomain\":\"provider.test\",\"register\":false}";
    }
}
