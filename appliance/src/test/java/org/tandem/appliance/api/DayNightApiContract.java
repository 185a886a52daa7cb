package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.timecondition.TimeConditions;

/** The day/night override of time conditions over the API (issue 17), apart from their create/read/update/delete. */
abstract class DayNightApiContract extends ApiTestBase {

    @Autowired
    TimeConditions timeConditions;

    /**
     * Day/night override (issue 17): forced closed until the opening hours next change, then back to them; the front
     * desk (RECEPTIONIST) may switch it, an OPERATOR may not; a bad state is named at its field.
     */
    @Test
    void aTimeConditionIsSwitchedToNightServiceAndBack() {
        ensureUser("5813");
        ensureUser("5814");
        // open every morning, so the next change is at most 12 hours away whatever the time of the run
        StringBuilder mornings = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            if (mornings.length() > 0) mornings.append(',');
            mornings.append("{\"day\":\"").append(day).append("\",\"opens\":\"00:00\",\"closes\":\"12:00\"}");
        }
        Response created = admin.post(
                "/api/v1/time-conditions",
                "{\"name\":\"corner-shop\",\"timeZone\":\"UTC\",\"weekly\":[" + mornings
                        + "],\"open\":\"extension:5813\",\"closed\":\"voicemail:5814\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        boolean scheduled = created.json().get("openNow").asBoolean();
        assertThat(absent(created.json(), "override"))
                .as("no override: the schedule decides")
                .isTrue();

        Response forced = admin.put(
                "/api/v1/time-conditions/corner-shop/override",
                "{\"state\":\"" + (scheduled ? "CLOSED" : "OPEN") + "\"}");
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThat(forced.json().get("openNow").asBoolean()).isEqualTo(!scheduled);
        assertThat(forced.json().get("scheduleOpenNow").asBoolean()).isEqualTo(scheduled);
        JsonNode override = forced.json().get("override");
        assertThat(override.get("setBy").asText()).startsWith("admin ");
        java.time.Instant until = java.time.Instant.parse(override.get("until").asText());
        assertThat(until)
                .isAfter(java.time.Instant.now())
                .isBefore(java.time.Instant.now()
                        .plus(java.time.Duration.ofHours(12))
                        .plusSeconds(60));
        assertThat(until.atZone(java.time.ZoneOffset.UTC).getMinute()).isZero();
        assertThat(timeConditions.destinationNow("corner-shop"))
                .contains(scheduled ? new Destination.Voicemail("5814") : new Destination.Extension("5813"));

        Response permanent = admin.put(
                "/api/v1/time-conditions/corner-shop/override", "{\"state\":\"closed\",\"until\":\"SWITCHED_BACK\"}");
        assertThat(absent(permanent.json().get("override"), "until"))
                .as("until switched back")
                .isTrue();
        assertThat(permanent.json().get("openNow").asBoolean()).isFalse();

        Response bad = admin.put("/api/v1/time-conditions/corner-shop/override", "{\"state\":\"dusk\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("state").asText()).contains("OPEN, CLOSED or SCHEDULE");
        assertThat(admin.put("/api/v1/time-conditions/nowhere/override", "{\"state\":\"OPEN\"}")
                        .status())
                .isEqualTo(404);

        // the front desk may switch the office; a read-only account may not
        if (accounts.find("desk").isEmpty()) accounts.create("desk", "Desk-pass-2026!", AdminRole.RECEPTIONIST, false);
        if (accounts.find("viewer").isEmpty())
            accounts.create("viewer", "Viewer-pass-2026!", AdminRole.OPERATOR, false);
        assertThat(anonymous
                        .as("viewer", "Viewer-pass-2026!")
                        .put("/api/v1/time-conditions/corner-shop/override", "{\"state\":\"SCHEDULE\"}")
                        .status())
                .isEqualTo(403);
        Response back = anonymous
                .as("desk", "Desk-pass-2026!")
                .put("/api/v1/time-conditions/corner-shop/override", "{\"state\":\"SCHEDULE\"}");
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(absent(back.json(), "override")).isTrue();
        assertThat(back.json().get("openNow").asBoolean()).isEqualTo(scheduled);

        // the office-wide switch, as *28
        Response flipped = admin.post("/api/v1/time-conditions/day-night", "");
        assertThat(flipped.status()).as(flipped.toString()).isEqualTo(200);
        assertThat(flipped.json().get("result").asText()).startsWith(scheduled ? "Night service" : "Day service");
        assertThat(timeConditions.openNow("corner-shop")).contains(!scheduled);
        admin.put("/api/v1/time-conditions/corner-shop/override", "{\"state\":\"SCHEDULE\"}");
        assertThat(admin.delete("/api/v1/time-conditions/corner-shop").status()).isEqualTo(204);
    }
}
