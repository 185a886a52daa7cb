package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.virtualphone.CiscoPhone;
import org.tandem.appliance.blackbox.virtualphone.FanvilPhone;
import org.tandem.appliance.blackbox.virtualphone.GrandstreamPhone;
import org.tandem.appliance.blackbox.virtualphone.PolycomPhone;
import org.tandem.appliance.blackbox.virtualphone.SnomPhone;
import org.tandem.appliance.blackbox.virtualphone.VirtualPhone;
import org.tandem.appliance.blackbox.virtualphone.YealinkPhone;
import org.tandem.appliance.testsupport.PhoneHttp;

/**
 * Virtual phones (issue 19, "Make this class of error impossible to miss") against the built jar: per vendor, a
 * model of the phone's documented provisioning ({@link VirtualPhone}) lives through what a real one does in an
 * office with DHCP option 66 pointing at the appliance — first contact (it gets nothing until an admin accepts
 * it: issue 22 finding 2), a reboot that must bring it its credentials in one boot, a second reboot with option
 * 66 still set (its own URL must stick), a change of its user's SIP password that its polling must pick up —
 * and then registers with what it holds (SIPp REGISTER, 200). A stranger asking for its files meanwhile gets
 * nothing, and nothing that would take the line off the phone.
 */
class VirtualPhonesIT {

    /** The appliance's TFTP port for this run (an office's phones ask 69, where the installed appliance serves). */
    static final int TFTP_PORT = FreePorts.udpAndTcp();

    @RegisterExtension
    // own appliance: TFTP is a startup flag, and 9 users: the shared ones stay under 50
    static final TandemExtension tandem = new TandemExtension("--tandem.provisioning.tftp-port=" + TFTP_PORT);

    private static int http() {
        return tandem.process().httpPort();
    }

    /** What the office's DHCP server hands out as option 66 (README: a URL for these vendors). */
    private static String option66() {
        return "http://127.0.0.1:" + http() + "/prov/";
    }

    @Test
    void aYealinkIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new YealinkPhone("001565b10001", "127.0.0.111", http()), "911", "001565b10001.boot");
    }

    @Test
    void aPolycomIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new PolycomPhone("0004f2b10002", "127.0.0.112", http()), "912", "0004f2b10002.cfg");
    }

    @Test
    void aGrandstreamIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new GrandstreamPhone("000b82b10003", "127.0.0.113", http()), "913", "cfg000b82b10003.xml");
    }

    @Test
    void aFanvilIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new FanvilPhone("X4U", "0c383eb10004", "127.0.0.114", http()), "914", "0c383eb10004.cfg");
    }

    /** An older Fanvil (X3S) reads the VOIP_CONFIG_FILE format, the X4U above the newer sysConf one. */
    @Test
    void anOlderFanvilIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new FanvilPhone("X3S", "0c383eb10009", "127.0.0.120", http()), "919", "0c383eb10009.cfg");
    }

    @Test
    void aSnomIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(new SnomPhone("D385", "000413b10005", "127.0.0.115", http()), "915", "snomD385-000413B10005.htm");
    }

    /** Cisco: option 66 is only a TFTP host; over HTTP the README gives option 160 the profile URL. */
    @Test
    void aCiscoSpaIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(
                CiscoPhone.spa508g("0002fdb10006", "127.0.0.116", http()),
                "916",
                "spa0002fdb10006.xml",
                option66() + "spa$PSN.cfg");
    }

    @Test
    void aCiscoMppIsAcceptedGetsItsLineInOneBootKeepsItsOwnUrlFollowsAChangeAndRegisters() throws Exception {
        lifeOf(
                CiscoPhone.mpp8841("00562bb10007", "127.0.0.117", http()),
                "917",
                "00562bb10007.xml",
                option66() + "$PSN.xml");
    }

    /**
     * Cisco with only option 66, a bare host, as most office routers give it: the factory rule's first file comes by
     * TFTP, and what it says moves the phone to its own HTTP URL.
     */
    @Test
    void aCiscoSpaFindingTheApplianceByTftpIsAcceptedAndMovesToItsOwnHttpUrl() throws Exception {
        VirtualPhone phone =
                CiscoPhone.spa508g("0002fdb10008", "127.0.0.118", http()).tftpAt(TFTP_PORT);
        lifeOf(phone, "918", "spa0002fdb10008.xml", "127.0.0.1");
        assertThat(phone.log()).as("its first file came by TFTP").contains("200 tftp://127.0.0.1/spa508G.cfg (tftp)");
        // the transfer ran on the TFTP pool, a worker pool like any (issue 14): published, and it refused nothing
        List<String> metrics =
                tandem.api().getText("/actuator/prometheus").body().lines().toList();
        assertThat(metrics)
                .anyMatch(l -> l.startsWith("executor_completed_tasks_total{")
                        && l.contains("name=\"tftp-transfer\"")
                        && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1);
        assertThat(metrics)
                .filteredOn(l -> l.startsWith("tandem_worker_rejected_total{pool=\"tftp-transfer\"}"))
                .singleElement()
                .satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isZero());
    }

    private static void lifeOf(VirtualPhone phone, String extension, String firstFile) throws Exception {
        lifeOf(phone, extension, firstFile, option66());
    }

    /** {@code dhcp}: what the office's DHCP server gives this vendor (option 66, or 160 for Cisco). */
    private static void lifeOf(VirtualPhone phone, String extension, String firstFile, String dhcp) throws Exception {
        tandem.api().createUser(extension, "Desk " + extension, "First-secret-" + extension);
        TandemApi.Reply added = tandem.api()
                .send("POST", "/api/v1/devices", "{\"mac\":\"" + phone.mac() + "\",\"lines\":[\"" + extension + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        // 1. first contact: plugged in, option 66 leads it to the appliance; it gets nothing and waits
        phone.boot(dhcp);
        assertThat(phone.account()).as(phone.log()).isNull();
        JsonNode device =
                tandem.api().send("GET", "/api/v1/devices/" + phone.mac(), null).json();
        assertThat(device.get("provisioningUrlHandedOut").asBoolean())
                .as("no URL to an anonymous asker: " + phone.log())
                .isFalse();
        JsonNode contact = device.get("firstContact");
        assertThat(contact.get("waiting").asBoolean()).as(phone.log()).isTrue();
        assertThat(contact.get("source").asText()).isEqualTo(phone.source());

        // 2. the admin accepts what is waiting; the next boot brings the line, in that one boot
        TandemApi.Reply accepted =
                tandem.api().send("POST", "/api/v1/devices/" + phone.mac() + "/accept?source=" + phone.source(), null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        phone.boot(dhcp);
        assertThat(phone.account()).as(phone.log()).isNotNull();
        assertThat(phone.account().user()).isEqualTo(extension);
        assertThat(phone.account().password()).as(phone.log()).isEqualTo("First-secret-" + extension);
        assertThat(phone.storedServer()).as(phone.log()).startsWith(option66() + "d/");
        assertThat(phone.dhcpOverridesStored())
                .as("option 66 must not override its own URL: " + phone.log())
                .isFalse();
        assertThat(phone.pollSeconds()).as(phone.log()).isNotNull();
        assertThat(phone.challengesCheckSync())
                .as("Tandem's check-sync NOTIFY answers no challenge: " + phone.log())
                .isFalse();

        // 3. a stranger asking for the phone's first file gets nothing; the phone is not disturbed by it
        PhoneHttp.Response stranger = new PhoneHttp("127.0.0.119", http(), "curl/8").get("/prov/" + firstFile);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body()).doesNotContain("First-secret-" + extension).doesNotContain("/prov/d/");

        // 4. reboot with option 66 still set: it asks its own URL, and keeps its line
        String ownUrl = phone.storedServer();
        phone.boot(dhcp);
        assertThat(phone.bootServer()).as(phone.log()).isEqualTo(ownUrl);
        assertThat(phone.account()).as(phone.log()).isNotNull();
        assertThat(phone.account().password()).isEqualTo("First-secret-" + extension);

        // 5. the admin changes the user's SIP password: the phone's next check brings it
        TandemApi.Reply changed = tandem.api()
                .send(
                        "PUT",
                        "/api/v1/users/" + extension,
                        "{\"displayName\":\"Desk " + extension + "\",\"password\":\"Second-secret-" + extension
                                + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        phone.poll();
        assertThat(phone.account()).as(phone.log()).isNotNull();
        assertThat(phone.account().password()).as(phone.log()).isEqualTo("Second-secret-" + extension);

        // 6. it registers with what it holds, where it was told to
        VirtualPhone.Account account = phone.account();
        assertThat(account.server()).isEqualTo(TandemProcess.HOST);
        assertThat(account.port()).isEqualTo(tandem.process().sipPort());
        tandem.sipp("register", "uac.xml")
                .localPort(FreePorts.udpAndTcp())
                .service(account.user())
                .credentials(account.authName(), account.password())
                .key("expires", "600")
                .runAndAssertSuccess();
        assertThat(tandem.api().contactsOf(extension)).hasSize(1);
    }
}
