package org.tandem.appliance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiActionWordingTest {

    private static String words(String method, String path) {
        return ApiActionWording.describe(method, path, null, null).words();
    }

    @Test
    void itemsOfACollection() {
        assertThat(ApiActionWording.describe("PUT", "/api/v1/users/201", null, null))
                .isEqualTo(new ApiAction("changed user 201", "201"));
        assertThat(ApiActionWording.describe("DELETE", "/api/v1/ring-groups/600", null, null))
                .isEqualTo(new ApiAction("deleted ring group 600", "600"));
        assertThat(words("DELETE", "/api/v1/ivr-menus/main")).isEqualTo("deleted IVR menu main");
        assertThat(words("DELETE", "/api/v1/tokens/7")).isEqualTo("deleted API token 7");
        assertThat(words("PUT", "/api/v1/voicemail/201")).isEqualTo("changed voicemail box 201");
        assertThat(words("DELETE", "/api/v1/blocklist/3")).isEqualTo("deleted blocked number 3");
        assertThat(words("PUT", "/api/v1/conference-rooms/700")).isEqualTo("changed conference room 700");
        assertThat(words("DELETE", "/api/v1/devices/00%3A04%3Af2%3A01%3A02%3A03"))
                .isEqualTo("deleted device 00:04:f2:01:02:03");
    }

    @Test
    void creationsNameTheNewItemFromLocation() {
        assertThat(ApiActionWording.describe("POST", "/api/v1/users", "http://127.0.0.1:8080/api/v1/users/202", null))
                .isEqualTo(new ApiAction("created user 202", "202"));
        assertThat(ApiActionWording.describe("POST", "/api/v1/trunks", "/api/v1/trunks/sipgate", null))
                .isEqualTo(new ApiAction("created trunk sipgate", "sipgate"));
        assertThat(ApiActionWording.describe("POST", "/api/v1/ring-groups", null, null))
                .isEqualTo(new ApiAction("created ring group", null));
    }

    @Test
    void partsOfAnItem() {
        assertThat(words("PUT", "/api/v1/users/201/call-settings")).isEqualTo("changed call settings of user 201");
        assertThat(words("PUT", "/api/v1/users/201/web-password")).isEqualTo("changed web password of user 201");
        assertThat(words("PUT", "/api/v1/voicemail/201/pin")).isEqualTo("changed pin of voicemail box 201");
        assertThat(words("PUT", "/api/v1/voicemail/201/messages/5"))
                .isEqualTo("changed message 5 of voicemail box 201");
        assertThat(words("DELETE", "/api/v1/conference-rooms/700/participants/3"))
                .isEqualTo("deleted participant 3 of conference room 700");
    }

    @Test
    void actionsOnAnItem() {
        assertThat(words("POST", "/api/v1/devices/0004f2010203/resync")).isEqualTo("resynced device 0004f2010203");
        assertThat(words("POST", "/api/v1/devices/0004f2010203/accept")).isEqualTo("accepted device 0004f2010203");
        assertThat(words("POST", "/api/v1/calls/abc/hangup")).isEqualTo("hung up call abc");
        assertThat(words("POST", "/api/v1/trunks/sipgate/test")).isEqualTo("tested trunk sipgate");
    }

    @Test
    void wholeSettingsAndCollectionParts() {
        assertThat(words("PUT", "/api/v1/feature-codes")).isEqualTo("changed feature codes");
        assertThat(words("PUT", "/api/v1/setup")).isEqualTo("changed setup");
        assertThat(words("PUT", "/api/v1/outbound-routes/order")).isEqualTo("changed order of outbound routes");
        assertThat(words("PUT", "/api/v1/blocklist/policy")).isEqualTo("changed policy of blocklist");
        assertThat(words("PUT", "/api/v1/account/password")).isEqualTo("changed password of account");
        assertThat(words("POST", "/api/v1/users/import")).isEqualTo("imported users");
        assertThat(words("POST", "/api/v1/backup")).isEqualTo("made a backup");
        assertThat(words("DELETE", "/api/v1/security/lockouts/bob")).isEqualTo("unlocked account bob");
        assertThat(words("PUT", "/api/v1/recording-rules/user/201")).isEqualTo("changed recording rule for user 201");
    }

    @Test
    void theDayNightSwitchSaysWhereTo() {
        assertThat(ApiActionWording.describe("PUT", "/api/v1/time-conditions/office/override", null, "closed"))
                .isEqualTo(new ApiAction("switched time condition office to closed", "office"));
        assertThat(ApiActionWording.describe("PUT", "/api/v1/time-conditions/office/override", null, "OPEN")
                        .words())
                .isEqualTo("switched time condition office to open");
        assertThat(ApiActionWording.describe("PUT", "/api/v1/time-conditions/office/override", null, "SCHEDULE")
                        .words())
                .isEqualTo("switched time condition office back to its opening hours");
        assertThat(words("POST", "/api/v1/time-conditions/day-night")).isEqualTo("switched the day/night service");
    }

    @Test
    void queryStringsAreNeverPartOfTheWords() {
        assertThat(words("DELETE", "/api/v1/users/201?password=x")).isEqualTo("deleted user 201");
    }
}
