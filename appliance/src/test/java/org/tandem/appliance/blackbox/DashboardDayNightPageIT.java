package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's day/night switch (issue 17: "a day/night (override) toggle for time conditions from the
 * dashboard"): the admin switches the office to the other service and back to its opening hours, sees why calls
 * go where they go (by the opening hours, or switched: by whom, until when), and the appliance routes accordingly.
 */
class DashboardDayNightPageIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    @Test
    void theAdminSwitchesTheOfficeToTheOtherServiceAndBackToItsOpeningHours() {
        tandem.api().createUser("821", "Front desk", "Secret-821");
        // open every morning (UTC), so whatever the time of the run the schedule changes within 12 hours
        StringBuilder mornings = new StringBuilder();
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
            if (mornings.length() > 0) mornings.append(',');
            mornings.append("{\"day\":\"").append(day).append("\",\"opens\":\"00:00\",\"closes\":\"12:00\"}");
        }
        TandemApi.Reply created = tandem.api().send("POST", "/api/v1/time-conditions", "{\"name\":\"office\","
                + "\"timeZone\":\"UTC\",\"weekly\":[" + mornings + "],\"open\":\"extension:821\",\"closed\":\"voicemail:821\"}");
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
        JsonNode switched = tandem.api().send("GET", "/api/v1/time-conditions/office", null).json();
        assertThat(switched.get("openNow").asBoolean()).as("the appliance routes to the other service").isEqualTo(!scheduledOpen);

        browser.click("day-night-schedule-office");
        browser.awaitText("day-night-state-office", "office: " + scheduled + " — by its opening hours");
        assertThat(tandem.api().send("GET", "/api/v1/time-conditions/office", null).json().get("openNow").asBoolean())
                .isEqualTo(scheduledOpen);

        // "until switched back": no end time, and the condition stays switched
        browser.toggle("day-night-until-switched-back");
        browser.click(scheduledOpen ? "day-night-closed-office" : "day-night-open-office");
        browser.awaitText("day-night-state-office", "office: " + other + " — switched by admin ");
        assertThat(browser.text("day-night-state-office")).contains("until switched back");
    }
}
