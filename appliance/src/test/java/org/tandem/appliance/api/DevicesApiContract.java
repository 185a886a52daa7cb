package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Phones over the REST API ({@code /api/v1/devices}): adding one with its lines and keys, refusals naming each field,
 * what an operator sees, expansion modules, the lamp pickup code, the supported models. What a phone gets from
 * {@code /prov/} at first contact is {@link PhoneFirstContactApiContract}'s. Run per database by its subclasses. Each
 * test is its own phone: own MAC, own extensions (56xx, shared with that contract).
 */
abstract class DevicesApiContract extends ApiTestBase {

    @Test
    void aPhoneAddedByMacIsListedWithItsLinesKeysAndAMaskedPreview() {
        ensureUser("5601");
        ensureUser("5602");
        // a Yealink shows line 1 on key 1: a BLF there would take the line's key (issue 19)
        Response onTheLine = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"00:15:65:60:10:01\",\"vendor\":\"yealink\","
                        + "\"model\":\"SIP-T46S\",\"lines\":[\"5601\"],"
                        + "\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5602\"}]}");
        assertThat(onTheLine.status()).as(onTheLine.toString()).isEqualTo(400);
        assertThat(onTheLine.json().get("fields").get("keys").asText())
                .contains("number BLF and speed-dial keys from 2");
        Response created = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"00:15:65:60:10:01\",\"vendor\":\"yealink\","
                        + "\"model\":\"SIP-T46S\",\"description\":\"Reception\",\"lines\":[\"5601\"],"
                        + "\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5602\",\"label\":\"Bob\"}]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/devices/001565601001"));
        JsonNode d = admin.get("/api/v1/devices/00-15-65-60-10-01").json();
        assertThat(d.get("mac").asText()).isEqualTo("001565601001");
        assertThat(d.get("lines").get(0).get("extension").asText()).isEqualTo("5601");
        assertThat(d.get("lines").get(0).get("registered").asBoolean()).isFalse();
        assertThat(d.get("keys").get(0).get("kind").asText()).isEqualTo("BLF");
        assertThat(d.get("provisioningUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/prov/d/[A-Za-z0-9_-]{32}/");
        assertThat(admin.get("/api/v1/devices").json().findValuesAsText("mac")).contains("001565601001");

        assertThat(admin.get("/api/v1/devices/001565601001/files").json().findValuesAsText("name"))
                .containsExactlyInAnyOrder("001565601001.boot", "001565601001.cfg");
        Response preview = admin.get("/api/v1/devices/001565601001/files/001565601001.cfg");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body())
                .contains("account.1.user_name = 5601")
                .contains("account.1.password = ********")
                .contains("linekey.2.value = 5602")
                .doesNotContain("s3cret-5601")
                .doesNotContain(d.get("provisioningUrl").asText());
        assertThat(admin.get("/api/v1/devices/001565601001/files/nope.cfg").status())
                .isEqualTo(404);
    }

    @Test
    void badPhonesAreRefusedNamingEachField() {
        Response r = admin.post("/api/v1/devices", "{\"mac\":\"not-a-mac\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("fields").get("mac").asText()).contains("12 hex digits");

        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565601002\",\"vendor\":\"yealink\",\"model\":\"SIP-T99\","
                        + "\"lines\":[\"5699\"],\"keys\":[{\"index\":0,\"kind\":\"BLF\",\"target\":\"abc\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("model").asText()).contains("SIP-T46S");
        assertThat(fields.get("lines").asText()).contains("5699");
        assertThat(fields.get("keys").asText()).contains("start at 1").contains("target");
        assertNoStackTrace(r);
        assertThat(admin.get("/api/v1/devices/001565601002").status()).isEqualTo(404);

        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565601002\",\"keys\":[{\"index\":1,\"kind\":\"LAMP\",\"target\":\"1\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"001565601002\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/devices", "{\"mac\":\"00:15:65:60:10:02\"}")
                        .status())
                .isEqualTo(409);
        assertThat(admin.delete("/api/v1/devices/001565601002").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/devices/001565601002").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/devices").status()).isEqualTo(401);
    }

    @Test
    void anOperatorSeesPhonesButNotTheirSecretUrlAndChangesNothing() {
        admin.post("/api/v1/devices", "{\"mac\":\"001565641001\"}");
        if (accounts.find("phone-operator").isEmpty()) {
            accounts.create(
                    "phone-operator", "operator-secret-1", org.tandem.appliance.admin.AdminRole.OPERATOR, false);
        }
        var operator = anonymous.as("phone-operator", "operator-secret-1");
        Response r = operator.get("/api/v1/devices/001565641001");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("provisioningUrl").isMissingNode()
                        || r.json().get("provisioningUrl").isNull())
                .isTrue();
        assertThat(r.body()).doesNotContain("/prov/d/").doesNotContain(provisioningPassword("001565641001"));
        assertThat(admin.get("/api/v1/devices/001565641001").body()).contains("/prov/d/");
        assertThat(operator.put("/api/v1/devices/001565641001", "{\"lines\":[]}")
                        .status())
                .isEqualTo(403);
        assertThat(operator.post("/api/v1/devices/001565641001/reprovision", "").status())
                .isEqualTo(403);
        assertThat(operator.post("/api/v1/devices/001565641001/accept", "").status())
                .isEqualTo(403);
    }

    @Test
    void expansionModuleKeysAndAGrandstreamsSecondAccountAreProgrammed() {
        ensureUser("5681");
        ensureUser("5682");
        // SIP-T46S: 27 keys of its own, then 40 on each of up to 3 expansion modules (key 28 = module 1, key 1)
        Response r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565680001\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5681\"],\"keys\":[{\"index\":148,\"kind\":\"BLF\",\"target\":\"5682\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("fields").get("keys").asText()).contains("147 programmable keys");
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565680001\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5681\"],\"keys\":[{\"index\":28,\"kind\":\"BLF\",\"target\":\"5682\"},"
                        + "{\"index\":147,\"kind\":\"SPEED_DIAL\",\"target\":\"*97\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/devices/001565680001/files/001565680001.cfg")
                        .body())
                .contains("expansion_module.1.key.1.value = 5682")
                .contains("expansion_module.3.key.40.value = *97")
                .doesNotContain("linekey.28");

        // GXP2160: two accounts (account 2 is P401/P402/P404-P407), MPK 1 (P323 ...) and expansion key 1 (P23000 ...)
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"000b82680002\",\"vendor\":\"grandstream\",\"model\":\"GXP2160\","
                        + "\"lines\":[\"5681\",\"5682\"],\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5682\"},"
                        + "{\"index\":25,\"kind\":\"BLF\",\"target\":\"5681\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/devices/000b82680002/files/cfg000b82680002.xml")
                        .body())
                .contains(
                        "<P35>5681</P35>",
                        "<P401>1</P401>",
                        "<P404>5682</P404>",
                        "<P406>********</P406>",
                        "<P323>1</P323>",
                        "<P303>5682</P303>",
                        "<P23000>1</P23000>",
                        "<P23003>5681</P23003>");
        assertThat(admin.get("/api/v1/phone-models").json().findValues("expansionKeys"))
                .isNotEmpty();
    }

    /**
     * Pickup from a ringing busy lamp (issue 15): a Cisco's cp keys and a Grandstream's BLF keys dial the directed
     * pickup code in force and the extension, so an admin's new code is in the next file the phone fetches; a
     * Yealink picks up with Replaces from the lamp's NOTIFY and needs no code.
     */
    @Test
    void theLampPickupCodeIsTheDirectedPickupFeatureCodeInForce() {
        ensureUser("5691");
        ensureUser("5692");
        Response r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"0002fd691001\",\"vendor\":\"cisco\",\"model\":\"SPA508G\","
                        + "\"lines\":[\"5691\"],\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5692\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"000b82691002\",\"vendor\":\"grandstream\",\"model\":\"GXP2160\","
                        + "\"lines\":[\"5692\"],\"keys\":[{\"index\":1,\"kind\":\"BLF\",\"target\":\"5691\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        r = admin.post(
                "/api/v1/devices",
                "{\"mac\":\"001565691003\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                        + "\"lines\":[\"5691\"],\"keys\":[{\"index\":2,\"kind\":\"BLF\",\"target\":\"5692\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String cisco = "/api/v1/devices/0002fd691001/files/spa0002fd691001.xml";
        String grandstream = "/api/v1/devices/000b82691002/files/cfg000b82691002.xml";
        assertThat(admin.get(cisco).body())
                .contains("<Extended_Function_2_>fnc=blf+sd+cp;sub=5692@")
                .contains("<Attendant_Console_Call_Pickup_Code>**</Attendant_Console_Call_Pickup_Code>");
        assertThat(admin.get(grandstream).body()).contains("<P1347>**</P1347>");
        assertThat(admin.get("/api/v1/devices/001565691003/files/001565691003.cfg")
                        .body())
                .contains("account.1.dialoginfo_callpickup = 1")
                .contains("linekey.2.value = 5692");
        try {
            assertThat(admin.put("/api/v1/feature-codes", "{\"PICKUP_DIRECTED\":\"*56\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(admin.get(cisco).body())
                    .contains("<Attendant_Console_Call_Pickup_Code>*56</Attendant_Console_Call_Pickup_Code>")
                    .contains("<Call_Pickup_Code>*56</Call_Pickup_Code>");
            assertThat(admin.get(grandstream).body()).contains("<P1347>*56</P1347>");
        } finally {
            assertThat(admin.put("/api/v1/feature-codes", "{\"PICKUP_DIRECTED\":\"**\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theSupportedModelsAreListed() {
        JsonNode models = admin.get("/api/v1/phone-models").json();
        assertThat(models.findValuesAsText("vendor"))
                .contains("yealink", "polycom", "cisco", "grandstream", "snom", "fanvil");
        assertThat(models.findValuesAsText("name"))
                .contains("SIP-T46S", "VVX411", "SPA508G", "8841-3PCC", "GXP2170", "D785", "X4U");
    }

    private String provisioningPassword(String mac) {
        return devices.secrets(mac).orElseThrow().provisioningPassword();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.tandem.provisioning.device.DeviceDirectory devices;
}
