package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * The dashboard shows each trunk's registration with its provider (issue 17: "trunk state on the dashboard"), live:
 * a SIPp provider challenges and accepts the REGISTER (green "registered"), then refuses the refresh with 403 (red,
 * with the provider's answer); a trunk that does not register is shown neutral. And its day/night switch (issue 17:
 * "a day/night (override) toggle for time conditions from the dashboard"): the admin switches the office to the
 * other service and back to its opening hours, sees why calls go where they go (by the opening hours, or switched:
 * by whom, until when), and the appliance routes accordingly. One appliance for both: each starts a jar otherwise.
 */
class DashboardTrunksPageIT {

    @RegisterExtension
    // own appliance: it starts from no trunks and switches the day/night service
    static final TandemExtension tandem = new TandemExtension();

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void aTrunksRegistrationShowsOnTheDashboardAsItChanges() {
        browser = browsers.signedIn();
        browser.awaitText("trunk-states", "No trunks");

        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("plain", FreePorts.udpAndTcp(), false))
                        .status())
                .isEqualTo(201);
        int port = FreePorts.udpAndTcp();
        // registered for 20 s before the refresh that gets the 403: the dashboard polls every 2 s, and a loaded
        // machine must not make it miss the green (with Expires: 2 it did, in a full run)
        Sipp.Running provider = tandem.sipp("trunk-register", "provider.xml")
                .localPort(port)
                .key("user", "acct-reg")
                .key("password", "pw-reg")
                .key("expires", "20")
                .timeout(Duration.ofSeconds(60))
                .start()
                .awaitListening(port, Transport.UDP);
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("reg", port, true))
                        .status())
                .isEqualTo(201);

        browser.until(() -> badges().contains("reg: registered|success"), "reg registered, in green");
        assertThat(badges())
                .anyMatch(b -> b.startsWith("plain: ") && b.endsWith("|contrast") && !b.contains("registered"));
        provider.await().assertSuccess();
        browser.until(
                () -> badges().stream()
                        .anyMatch(b -> b.startsWith("reg: failed: ") && b.contains("403") && b.endsWith("|error")),
                "reg failed with the provider's 403, in red");
    }

    @Test
    void theAdminSwitchesTheOfficeToTheOtherServiceAndBackToItsOpeningHours() {
        tandem.api().createUser("821", "Front desk", "Secret-821");
        // open every morning (UTC), so whatever the time of the run the schedule changes within 12 hours
        StringBuilder mornings = new StringBuilder();
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
            if (mornings.length() > 0) mornings.append(',');
            mornings.append("{\"day\":\"").append(day).append("\",\"opens\":\"00:00\",\"closes\":\"12:00\"}");
        }
        TandemApi.Reply created = tandem.api()
                .send(
                        "POST",
                        "/api/v1/time-conditions",
                        "{\"name\":\"office\"," + "\"timeZone\":\"UTC\",\"weekly\":[" + mornings
                                + "],\"open\":\"extension:821\",\"closed\":\"voicemail:821\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        boolean scheduledOpen = created.json().get("openNow").asBoolean();
        String scheduled = scheduledOpen ? "open" : "closed";
        String other = scheduledOpen ? "closed" : "open";

        Browser browser = browsers.signedIn();
        browser.awaitText("day-night-state-office", "office: " + scheduled + " — by its opening hours");
        browser.awaitText("day-night-toggle", scheduledOpen ? "Switch to night service" : "Switch to day service");

        browser.click("day-night-toggle");
        browser.awaitText("day-night-state-office", "office: " + other + " — switched by admin ");
        assertThat(browser.text("day-night-state-office")).contains("until").contains("when the opening hours change");
        JsonNode switched =
                tandem.api().send("GET", "/api/v1/time-conditions/office", null).json();
        assertThat(switched.get("openNow").asBoolean())
                .as("the appliance routes to the other service")
                .isEqualTo(!scheduledOpen);

        browser.click("day-night-schedule-office");
        browser.awaitText("day-night-state-office", "office: " + scheduled + " — by its opening hours");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/time-conditions/office", null)
                        .json()
                        .get("openNow")
                        .asBoolean())
                .isEqualTo(scheduledOpen);

        // "until switched back": no end time, and the condition stays switched
        browser.toggle("day-night-until-switched-back");
        browser.click(scheduledOpen ? "day-night-closed-office" : "day-night-open-office");
        browser.awaitText("day-night-state-office", "office: " + other + " — switched by admin ");
        assertThat(browser.text("day-night-state-office")).contains("until switched back");
    }

    /** The dashboard's trunk badges as "text|colour". */
    @SuppressWarnings("unchecked")
    private List<String> badges() {
        return (List<String>)
                browser.script(
                        "return Array.from(document.querySelectorAll('#trunk-states > span'))"
                                + ".map(s => s.textContent.trim() + '|' + (s.getAttribute('theme') || '').replace('badge', '').trim())");
    }

    private static String trunk(String id, int port, boolean register) {
        return "{\"id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"acct-" + id
                + "\",\"password\":\"pw-" + id + "\",\"fromDomain\":\"provider.test\",\"register\":" + register
                + ",\"registerExpiry\":60}";
    }
}
