package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * SIP trunks against the built jar, SIPp playing the provider: registration with the provider's
 * challenge (status through the REST API), an outbound call from a phone through a route, the
 * permission refusal, an emergency number for a phone that may call nothing else, an inbound DID call
 * to a phone, and a spoofed provider.
 */
class TrunkIT {

    @RegisterExtension
    // own appliance: the trunk retry time is a startup flag, and its outbound routes take others' numbers
    static final TandemExtension tandem = new TandemExtension("--tandem.trunk.retry-initial=60s");

    private static final String PASSWORD = "Trunk-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : new String[] {"301", "302", "303"}) tandem.api().createUser(ext, "User " + ext, PASSWORD);
    }

    /**
     * A trunk is recognised by its provider's address and port: one left behind would claim a later
     * SIPp phone that happens to get the same ephemeral port.
     */
    @AfterEach
    void removeTrunks() {
        for (JsonNode t : tandem.api().send("GET", "/api/v1/trunks", null).json()) {
            tandem.api().send("DELETE", "/api/v1/trunks/" + t.get("id").asText(), null);
        }
    }

    private static void ok(TandemApi.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    /** A phone of {@code extension} dialling {@code number}: call/uac.xml (digest, ACK, BYE) or another. */
    private static Sipp phone(String scenario, String extension, String number) {
        return tandem.sipp(scenario, "uac.xml")
                .service(extension)
                .credentials(extension, PASSWORD)
                .key("callee", number);
    }

    @Test
    void aPhoneCallsOutThroughTheRouteWithPrefixStrippedAndTheUsersCallerId() {
        int port = FreePorts.udpAndTcp();
        ok(tandem.api().send("POST", "/api/v1/trunks", trunk("out", port, false)));
        ok(tandem.api()
                .send(
                        "POST",
                        "/api/v1/outbound-routes",
                        "{\"id\":\"national\",\"patterns\":[\"8|Z.\"],\"prepend\":\"0\",\"trunks\":[\"out\"],"
                                + "\"permission\":\"national\"}"));
        ok(tandem.api()
                .send(
                        "PUT",
                        "/api/v1/users/301/outbound",
                        "{\"permission\":\"national\",\"callerId\":\"+4930555301\"}"));
        Sipp.Running provider = tandem.sipp("trunk-outbound", "provider.xml")
                .localPort(port)
                .key("user", "acct-out")
                .key("password", "pw-out")
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Transport.UDP);

        phone("call", "301", "8301234567").runAndAssertSuccess();
        provider.await().assertSuccess();
        JsonNode cdr = record("301", "OUTBOUND");
        assertThat(cdr.get("dialled").asText()).isEqualTo("8301234567");
        assertThat(cdr.get("trunk").asText()).isEqualTo("out");
        assertThat(cdr.get("disposition").asText()).isEqualTo("ANSWERED");
    }

    @Test
    void aPhoneWithoutThePermissionClassIsRefused403AndAnEmergencyCallStillGoesOut() {
        int port = FreePorts.udpAndTcp();
        ok(tandem.api().send("POST", "/api/v1/trunks", trunk("em", port, false)));
        ok(
                tandem.api()
                        .send(
                                "POST",
                                "/api/v1/outbound-routes",
                                "{\"id\":\"intl\",\"patterns\":[\"00.\"],\"trunks\":[\"em\"],\"permission\":\"international\"}"));
        ok(tandem.api()
                .send(
                        "PUT",
                        "/api/v1/users/302/outbound",
                        "{\"permission\":\"internal\",\"callerId\":\"+4930555302\"}"));
        Sipp.Running provider = tandem.sipp("trunk-emergency", "provider.xml")
                .localPort(port)
                .key("user", "acct-em")
                .key("password", "pw-em")
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Transport.UDP);

        // the provider scenario fails on any INVITE but the emergency call's
        phone("trunk-refused", "302", "0044207123").runAndAssertSuccess();
        phone("call", "302", "112").runAndAssertSuccess();
        provider.await().assertSuccess();
    }

    private static String trunk(String id, int port, boolean register) {
        return "{\"id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"acct-" + id
                + "\",\"password\":\"pw-" + id + "\",\"fromDomain\":\"provider.test\",\"register\":" + register
                + ",\"registerExpiry\":60}";
    }

    /** The finished call record of {@code extension}'s call in {@code direction} (the writer is asynchronous). */
    private static JsonNode record(String extension, String direction) {
        String path = "/api/v1/cdrs?extension=" + extension + "&direction=" + direction;
        Awaitility.await("call record of " + extension)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode items = tandem.api().send("GET", path, null).json().get("items");
                    return items.size() == 1 && items.get(0).hasNonNull("endedAt");
                });
        return tandem.api().send("GET", path, null).json().get("items").get(0);
    }

    private static JsonNode status(String trunk) {
        return tandem.api()
                .send("GET", "/api/v1/trunks/" + trunk + "/status", null)
                .json();
    }

    @Test
    void registersWithTheProvidersChallengeAndShowsAFailureThroughTheApi() {
        int port = FreePorts.udpAndTcp();
        Sipp.Running provider = tandem.sipp("trunk-register", "provider.xml")
                .localPort(port)
                .key("user", "acct-reg")
                .key("password", "pw-reg")
                .key("expires", "2")
                .timeout(Duration.ofSeconds(20))
                .start()
                .awaitListening(port, Transport.UDP);

        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("reg", port, true))
                        .status())
                .isEqualTo(201);

        Awaitility.await("registered")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        "registered".equals(status("reg").get("registration").asText()));
        provider.await().assertSuccess();
        Awaitility.await("failed")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "failed".equals(status("reg").get("registration").asText()));
        JsonNode failed = status("reg");
        assertThat(failed.get("reason").asText()).contains("403");
        assertThat(failed.get("nextTry").asText()).isNotBlank();
    }

    @Test
    void anInboundCallToADidReachesThePhoneOfItsExtension() {
        int providerPort = FreePorts.udpAndTcp();
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("in", providerPort, false))
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/inbound-routes/4930555301", "{\"destination\":\"extension:301\"}")
                        .status())
                .isEqualTo(200);
        int phonePort = FreePorts.udpAndTcp();
        tandem.register("301", PASSWORD, phonePort, Transport.UDP);
        Sipp.Running phone = tandem.sipp("call", "uas.xml")
                .localPort(phonePort)
                .service("301")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(phonePort, Transport.UDP);

        tandem.sipp("trunk-inbound", "provider.xml")
                .localPort(providerPort)
                .service("4930555301")
                .runAndAssertSuccess();
        phone.await().assertSuccess();
        JsonNode cdr = record("301", "INBOUND");
        assertThat(cdr.get("did").asText()).isEqualTo("4930555301");
        assertThat(cdr.get("trunk").asText()).isEqualTo("in");
        assertThat(cdr.get("callerNumber").asText()).isEqualTo("+4930111222");
        assertThat(cdr.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(cdr.get("hangupSide").asText()).as("the provider hung up").isEqualTo("CALLER");
    }

    /**
     * Issue 18: "block this caller" from the portal's call log. The provider's caller rings 302; 302 opens their portal
     * in Chromium and blocks the caller from the row of that call; the entry is on 302's own list (what such an entry
     * does to a call is BlocklistCallIT's), a second press says it is already blocked, and the portal's own list shows
     * it.
     */
    @Test
    void aUserBlocksAnOutsideCallerFromTheRowOfTheirCallLog() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        int providerPort = FreePorts.udpAndTcp();
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("blk", providerPort, false))
                        .status())
                .isEqualTo(201);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/inbound-routes/4930555302", "{\"destination\":\"extension:302\"}")
                        .status())
                .isEqualTo(200);
        int phonePort = FreePorts.udpAndTcp();
        tandem.register("302", PASSWORD, phonePort, Transport.UDP);
        Sipp.Running phone = tandem.sipp("call", "uas.xml")
                .localPort(phonePort)
                .service("302")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(phonePort, Transport.UDP);
        tandem.sipp("trunk-inbound", "provider.xml")
                .localPort(providerPort)
                .service("4930555302")
                .runAndAssertSuccess();
        phone.await().assertSuccess();
        String callId = record("302", "INBOUND").get("callId").asText();
        ok(tandem.api().send("PUT", "/api/v1/users/302/web-password", "{\"password\":\"user-302-portal\"}"));

        try (Browser browser = new Browser(tandem.process())) {
            browser.logIn("302", "user-302-portal");
            browser.awaitPath("/me");
            browser.click("portal-calllog-tab");
            browser.click("my-calls-block-" + callId);
            browser.until(
                    () -> tandem.api()
                            .send("GET", "/api/v1/blocklist", null)
                            .body()
                            .contains("+4930111222"),
                    "the caller on the blocklist");
            JsonNode entry = null;
            for (JsonNode e :
                    tandem.api().send("GET", "/api/v1/blocklist", null).json()) {
                if (e.get("number").asText().equals("+4930111222")) entry = e;
            }
            assertThat(entry).isNotNull();
            assertThat(entry.get("extension").asText())
                    .as("302's own list, not everyone's")
                    .isEqualTo("302");
            assertThat(entry.get("prefix").asBoolean())
                    .as("this number, not its prefix")
                    .isFalse();
            browser.click("my-calls-block-" + callId);
            browser.until(() -> browser.pageText().contains("+4930111222 is already blocked"), "already blocked");
            browser.click("portal-blocklist-tab");
            browser.until(
                    () -> browser.text("my-blocklist").contains("+4930111222"), "the portal's own blocklist lists it");
            tandem.api().send("DELETE", "/api/v1/blocklist/" + entry.get("id").asText(), null);
        }
    }

    @Test
    void aCallPassingForTheProviderFromAnotherAddressIsRefused() {
        int providerPort = FreePorts.udpAndTcp();
        assertThat(tandem.api()
                        .send("POST", "/api/v1/trunks", trunk("real", providerPort, false))
                        .status())
                .isEqualTo(201);

        // same host, another port: not the provider's signalling address
        tandem.sipp("trunk-spoofed", "uac.xml").service("4930555301").runAndAssertSuccess();
    }
}
