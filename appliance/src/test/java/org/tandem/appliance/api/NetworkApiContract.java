package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * The appliance's network over the API (issue 21) as the .deb installs it: settings are checked field by field (400
 * naming each), a valid change becomes a request for the root helper in the apply directory, a static address waits
 * for a confirmation that only a request arriving at the new address may give (409 from any other), DHCP asks for
 * none. Run per database by its subclasses (the settings live in files, the rest of the appliance on the database).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own properties: its own appliance
abstract class NetworkApiContract extends ApiTestBase {

    private static final String STATIC = "{\"mode\":\"static\",\"address\":\"192.168.10.5\",\"prefix\":24,"
            + "\"gateway\":\"192.168.10.1\",\"dnsServers\":[\"192.168.10.1\",\"9.9.9.9\"],\"hostname\":\"pbx-office\","
            + "\"ntpServers\":[\"0.debian.pool.ntp.org\"]}";

    @DynamicPropertySource
    static void installed(DynamicPropertyRegistry registry) {
        registry.add("tandem.network.apply-dir", () -> "${tandem.data-dir}/network-spool");
        registry.add("tandem.network.status-file", () -> "${tandem.data-dir}/network-status");
        registry.add("tandem.network.ssh-unit", () -> "${tandem.data-dir}/ssh.service");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.core.env.Environment config;

    @org.springframework.beans.factory.annotation.Autowired
    org.tandem.media.host.HostAddress hostAddress;

    private Path spool;

    @BeforeEach
    void emptySpool() throws IOException {
        spool = dataDir.resolve("network-spool");
        Files.createDirectories(spool);
        Files.deleteIfExists(spool.resolve("request"));
        Files.deleteIfExists(spool.resolve("confirm"));
        Files.deleteIfExists(spool.resolve("zone"));
        for (String f : new String[] {"ssh", "ssh-access", "report"}) Files.deleteIfExists(spool.resolve(f));
        Files.deleteIfExists(dataDir.resolve("ssh-status"));
        Files.deleteIfExists(dataDir.resolve("firewall-status"));
        Files.writeString(dataDir.resolve("ssh.service"), "[Unit]\n"); // openssh-server installed, as on the ISO
    }

    /**
     * Issue 21, item 4: SSH is off until an admin switches it on; the switch becomes the spool's {@code ssh} request
     * for the root helper and stays saved; the helper's outcome is read back. A body without {@code enabled} is a 400,
     * a machine without openssh-server a 409 that changes nothing; admins only.
     */
    @Test
    void sshIsOffUntilSwitchedOnAndTheSwitchGoesToTheHelper() throws IOException {
        JsonNode off = admin.get("/api/v1/system/network/ssh").json();
        assertThat(off.get("managed").asBoolean()).isTrue();
        assertThat(off.get("installed").asBoolean()).isTrue();
        assertThat(off.get("enabled").asBoolean()).isFalse();

        Response on = admin.put("/api/v1/system/network/ssh", "{\"enabled\":true}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("enabled").asBoolean()).isTrue();
        assertThat(spool.resolve("ssh")).hasContent("on");
        Files.writeString(dataDir.resolve("ssh-status"), "applied on\n"); // as network-apply answers
        JsonNode shown = admin.get("/api/v1/system/network/ssh").json();
        assertThat(shown.get("enabled").asBoolean()).isTrue();
        assertThat(shown.get("outcome").asText()).isEqualTo("applied on");

        Response bad = admin.put("/api/v1/system/network/ssh", "{}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("enabled").asText()).contains("true to switch SSH on");
        assertThat(anonymous.get("/api/v1/system/network/ssh").status()).isEqualTo(401);
        assertThat(anonymous
                        .put("/api/v1/system/network/ssh", "{\"enabled\":false}")
                        .status())
                .isEqualTo(401);
        assertThat(spool.resolve("ssh")).hasContent("on");

        Files.delete(dataDir.resolve("ssh.service"));
        Response notInstalled = admin.put("/api/v1/system/network/ssh", "{\"enabled\":false}");
        assertThat(notInstalled.status()).isEqualTo(409);
        assertThat(notInstalled.json().get("message").asText()).contains("openssh-server is not installed");
        assertThat(admin.get("/api/v1/system/network/ssh")
                        .json()
                        .get("installed")
                        .asBoolean())
                .isFalse();
        assertThat(spool.resolve("ssh")).hasContent("on");
    }

    /**
     * Issue 21, item 9: the firewall list names the ports this appliance is configured with (ports turned off are not
     * opened), SSH's only while it is on, and the policy's state as the root helper reported it.
     */
    @Test
    void theFirewallListsTheConfiguredPortsAndThePolicysState() {
        JsonNode firewall = admin.get("/api/v1/system/network/firewall").json();
        assertThat(firewall.get("policy").asText())
                .as("no report from the helper yet")
                .isEqualTo("unknown");
        String sip = config.getProperty("tandem.sip.port");
        assertThat(firewall.get("openings").toString())
                .contains(
                        "{\"service\":\"sip\",\"protocol\":\"udp\",\"ports\":\"" + sip + "\"}",
                        "{\"service\":\"sip\",\"protocol\":\"tcp\",\"ports\":\"" + sip + "\"}",
                        "{\"service\":\"sip-tls\",\"protocol\":\"tcp\",\"ports\":\""
                                + config.getProperty("tandem.sip.tls-port") + "\"}",
                        "{\"service\":\"http\",\"protocol\":\"tcp\",\"ports\":\"" + port + "\"}")
                .contains("\"service\":\"rtp\"")
                .doesNotContain("tftp", "stun", "https", "ssh");

        assertThat(admin.put("/api/v1/system/network/ssh", "{\"enabled\":true}").status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/system/network/firewall")
                        .json()
                        .get("openings")
                        .toString())
                .contains("{\"service\":\"ssh\",\"protocol\":\"tcp\",\"ports\":\"22\"}");
        try {
            Files.writeString(dataDir.resolve("firewall-status"), "active\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(admin.get("/api/v1/system/network/firewall")
                        .json()
                        .get("policy")
                        .asText())
                .isEqualTo("active");
        assertThat(anonymous.get("/api/v1/system/network/firewall").status()).isEqualTo(401);
    }

    /**
     * Issue 21, item 6: the time zone saved in the setup wizard is handed to the root helper (the spool's {@code zone}
     * file, which tandem-network.path hands to {@code network-apply zone}), so the operating system's clock agrees
     * with the appliance's; a refused zone hands nothing over.
     */
    @Test
    void theWizardsTimeZoneIsHandedToTheSystem() throws IOException {
        JsonNode setup = admin.get("/api/v1/setup").json();
        String body = "{\"sipDomain\":\"" + setup.get("sipDomain").asText() + "\",\"timeZone\":\"%s\"}";
        assertThat(admin.put("/api/v1/setup", body.formatted("Mars/Olympus")).status())
                .isEqualTo(400);
        assertThat(spool.resolve("zone")).doesNotExist();

        assertThat(admin.put("/api/v1/setup", body.formatted("America/Argentina/Buenos_Aires"))
                        .status())
                .isEqualTo(200);
        assertThat(Files.readString(spool.resolve("zone"))).isEqualTo("America/Argentina/Buenos_Aires\n");
        assertThat(admin.put("/api/v1/setup", body.formatted("Europe/Berlin")).status())
                .isEqualTo(200);
        assertThat(Files.readString(spool.resolve("zone"))).isEqualTo("Europe/Berlin\n");
    }

    @Test
    void showsTheAddressInForceAndThatTheApplianceManagesItsNetwork() {
        Response r = admin.get("/api/v1/system/network");
        assertThat(r.status()).isEqualTo(200);
        JsonNode state = r.json();
        assertThat(state.get("managed").asBoolean()).isTrue();
        assertThat(state.get("currentAddress").asText()).isEqualTo(hostAddress.current());
        assertThat(state.get("settings").get("mode").asText()).isIn("dhcp", "static");
        assertThat(anonymous.get("/api/v1/system/network").status()).isEqualTo(401);
    }

    @Test
    void badSettingsAreNamedFieldByFieldAndNothingIsApplied() {
        Response r = admin.put(
                "/api/v1/system/network",
                "{\"mode\":\"static\",\"address\":\"192.168.10.0\","
                        + "\"prefix\":24,\"gateway\":\"192.168.11.1\",\"dnsServers\":[\"dns.example\"],"
                        + "\"hostname\":\"-pbx\",\"ntpServers\":[\"pool ntp\"]}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("address").asText()).contains("address of the network 192.168.10.0/24");
        assertThat(fields.get("gateway").asText()).contains("outside the appliance's network 192.168.10.0/24");
        assertThat(fields.get("dnsServers").asText()).contains("'dns.example' is not an IP address");
        assertThat(fields.get("hostname").asText()).contains("letters, digits and hyphens");
        assertThat(fields.get("ntpServers").asText()).contains("'pool ntp'");
        assertNoStackTrace(r);

        Response mode = admin.put("/api/v1/system/network", "{\"mode\":\"manual\"}");
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().get("fields").get("mode").asText()).contains("DHCP");
        Response prefix =
                admin.put("/api/v1/system/network", "{\"mode\":\"static\",\"address\":\"10.0.0.5\",\"prefix\":31}");
        assertThat(prefix.json().get("fields").get("prefix").asText()).contains("8 to 30");
        assertThat(spool.resolve("request")).doesNotExist();
    }

    @Test
    void aStaticAddressIsHandedToTheHelperAndWaitsForAConfirmationFromItself() throws IOException {
        Instant before = Instant.now();
        Response r = admin.put("/api/v1/system/network", STATIC);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("pendingAddress").asText()).isEqualTo("192.168.10.5");
        Instant deadline = Instant.parse(r.json().get("confirmBefore").asText());
        assertThat(Duration.between(before, deadline)).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(130));
        assertThat(Files.readAllLines(spool.resolve("request")))
                .contains(
                        "mode=static",
                        "address=192.168.10.5",
                        "prefix=24",
                        "gateway=192.168.10.1",
                        "dns=192.168.10.1 9.9.9.9",
                        "hostname=pbx-office",
                        "ntp=0.debian.pool.ntp.org",
                        "confirm-seconds=120")
                .anyMatch(l -> l.matches("interface=\\S+"));
        JsonNode saved = admin.get("/api/v1/system/network").json().get("settings");
        assertThat(saved.get("address").asText()).isEqualTo("192.168.10.5");
        assertThat(saved.get("dnsServers").toString()).isEqualTo("[\"192.168.10.1\",\"9.9.9.9\"]");

        // this request reached 127.0.0.1, not the new address: no proof the new one works
        Response confirm = admin.post("/api/v1/system/network/confirm", "");
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.json().get("message").asText()).contains("open the Network page at 192.168.10.5");
        assertThat(spool.resolve("confirm")).doesNotExist();
    }

    @Test
    void dhcpNeedsNoConfirmation() throws IOException {
        Response r = admin.put("/api/v1/system/network", "{\"mode\":\"dhcp\",\"ntpServers\":[\"192.168.1.1\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().hasNonNull("pendingAddress")).isFalse();
        assertThat(Files.readAllLines(spool.resolve("request")))
                .contains("mode=dhcp", "confirm-seconds=0", "ntp=192.168.1.1");
        Response confirm = admin.post("/api/v1/system/network/confirm", "");
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.json().get("message").asText()).contains("No network change waits for confirmation");
    }
}
