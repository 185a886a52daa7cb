package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The System pages: the Network page (issue 21), and the About page (issue 17: a version page with update instructions) in Chromium against the built jar: the version
 * is the jar's own (its manifest), not a placeholder, and page and API agree on every fact; the update steps link to
 * the Backup page; no database credential is shown.
 */
class AboutPageIT {

    /** Where the .deb's postinst makes the network settings' spool; absent at first, as in a development run. */
    static final java.nio.file.Path NETWORK_SPOOL =
            java.nio.file.Path.of("target", "blackbox", "AboutPageIT-network").toAbsolutePath();

    /** Where the root helper reports (its status, ssh-status, firewall-status); this test writes its answers. */
    static final java.nio.file.Path NETWORK_STATE = java.nio.file.Path.of(
                    "target", "blackbox", "AboutPageIT-network-state")
            .toAbsolutePath();

    /** openssh-server's unit file as this appliance looks for it; absent at first, as on a plain Debian. */
    static final java.nio.file.Path SSH_UNIT = java.nio.file.Path.of("target", "blackbox", "AboutPageIT-ssh.service")
            .toAbsolutePath();

    /**
     * The kernel command line this appliance reads: the ISO's "Try live" entry's (issue 21, item 5), written before the
     * jar starts.
     */
    static final java.nio.file.Path CMDLINE = liveCommandLine();

    @RegisterExtension
    // own appliance: the network spool, helper status and kernel command line it reads are startup flags
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.network.apply-dir=" + NETWORK_SPOOL,
            "--tandem.network.status-file=" + NETWORK_STATE.resolve("status"),
            "--tandem.network.ssh-unit=" + SSH_UNIT,
            "--tandem.live-session.cmdline-file=" + CMDLINE);

    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    private static java.nio.file.Path liveCommandLine() {
        java.nio.file.Path file = java.nio.file.Path.of("target", "blackbox", "AboutPageIT-cmdline")
                .toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, "BOOT_IMAGE=/live/vmlinuz boot=live components quiet\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Issue 21, item 5: the live session looks like an installed appliance but keeps nothing; the login page and every
     * page say so (in the browser's language), and the About facts say live.
     */
    @Test
    void theLiveSessionSaysOnEveryPageThatNothingIsKept() {
        assertThat(tandem.api()
                        .send("GET", "/api/v1/system/about", null)
                        .json()
                        .get("live")
                        .asBoolean())
                .isTrue();
        try (Browser login = new Browser(tandem.process())) {
            login.open("/login");
            login.awaitText("live-session-notice", "Live session: nothing is kept");
        }
        browser = browsers.signedIn("/users");
        browser.awaitText("live-session-notice", "reboot and choose \"Install Tandem to disk\"");
        browser.choose("ui-language", "Deutsch");
        browser.awaitText("live-session-notice", "Live-Sitzung: Nichts wird gespeichert");
        browser.choose("ui-language", "English");
        browser.awaitText("live-session-notice", "Live session");
    }

    @Test
    void thePageNamesTheJarsVersionAndHowToUpdate() {
        TandemApi.Reply reply = tandem.api().send("GET", "/api/v1/system/about", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode about = reply.json();
        assertThat(about.get("version").asText())
                .as("the jar's Implementation-Version")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(about.get("schemaVersion").asInt()).isGreaterThan(30);
        assertThat(about.get("database").asText()).startsWith("H2");
        assertThat(reply.body()).doesNotContain("jdbc:").doesNotContainIgnoringCase("password");

        browser = browsers.signedIn("/about");
        browser.awaitText("about-version", about.get("version").asText());
        assertThat(browser.element(By.id("about-schema")).getText())
                .isEqualTo("version " + about.get("schemaVersion").asText());
        assertThat(browser.element(By.id("about-database")).getText())
                .isEqualTo(about.get("database").asText());
        assertThat(browser.element(By.id("about-java")).getText())
                .isEqualTo(about.get("java").asText());
        assertThat(browser.element(By.id("about-data")).getText())
                .isEqualTo(about.get("dataDir").asText());
        assertThat(browser.element(By.id("update-steps")).getText()).contains("apt install ./tandem_<version>_all.deb");
        browser.element(By.cssSelector("#update-steps a[href='backup']")).click();
        browser.awaitPath("/backup");
    }

    /**
     * Issue 21: where the operating system manages the network the Network page says so and applies nothing; where the
     * .deb's spool exists it checks each field (errors under the fields), hands a static address to the system and asks
     * for the confirmation from the new address that keeps it, refusing one from any other.
     */
    @Test
    void theNetworkPageChecksEachFieldAndAsksForConfirmationFromTheNewAddress() throws java.io.IOException {
        deleteSpool();
        JsonNode state =
                tandem.api().send("GET", "/api/v1/system/network", null).json();
        browser = browsers.signedIn("/network");
        browser.awaitText(
                "network-current", "In use now: " + state.get("currentAddress").asText());
        assertThat(browser.text("network-managed-by-os")).contains("managed by its operating system");
        assertThat(browser.byId("network-apply").getDomAttribute("disabled")).isNotNull();

        java.nio.file.Files.createDirectories(NETWORK_SPOOL); // as the .deb's postinst makes it
        try {
            browser.open("/network");
            browser.awaitText("network-current", "In use now:");
            assertThat(browser.present(By.id("network-managed-by-os"))).isFalse();
            browser.element(By.xpath("//*[@id='network-mode']//vaadin-radio-button[contains(., 'Static')]//input"))
                    .click();
            browser.until(() -> browser.byId("network-address").getDomAttribute("disabled") == null, "address enabled");
            browser.fill("network-address", "192.168.10.255");
            browser.fill("network-prefix", "24");
            browser.fill("network-gateway", "192.168.20.1");
            browser.fill("network-dns", "dns.example");
            browser.click("network-apply");
            assertThat(browser.fieldError("network-address")).contains("broadcast address of 192.168.10.0/24");
            assertThat(browser.fieldError("network-gateway"))
                    .contains("outside the appliance's network 192.168.10.0/24");
            assertThat(browser.fieldError("network-dns")).contains("'dns.example' is not an IP address");
            assertThat(NETWORK_SPOOL.resolve("request")).doesNotExist();

            browser.fill("network-address", "192.168.10.5");
            browser.fill("network-gateway", "192.168.10.1");
            browser.fill("network-dns", "192.168.10.1 9.9.9.9");
            browser.fill("network-hostname", "pbx-office");
            browser.click("network-apply");
            browser.awaitText(
                    "network-pending",
                    "Open http://192.168.10.5:" + tandem.process().httpPort() + "/network");
            assertThat(java.nio.file.Files.readAllLines(NETWORK_SPOOL.resolve("request")))
                    .contains(
                            "mode=static",
                            "address=192.168.10.5",
                            "prefix=24",
                            "gateway=192.168.10.1",
                            "dns=192.168.10.1 9.9.9.9",
                            "hostname=pbx-office",
                            "confirm-seconds=120");
            // this browser is on 127.0.0.1: no proof that the new address works, so no confirmation
            browser.click("network-confirm");
            browser.awaitText("network-form-error", "Confirm from the new address");
            assertThat(NETWORK_SPOOL.resolve("confirm")).doesNotExist();
        } finally {
            deleteSpool();
        }
    }

    /**
     * Issue 21, items 4 and 9: the SSH switch is off and read-only where Tandem does not manage the machine or
     * openssh-server is missing (and says so); switched on, it hands "on" to the root helper, and the firewall list,
     * made from this appliance's ports, gains SSH; the helper's answers (applied, failed) show beside the switch after a
     * reload, as does the firewall policy's state.
     */
    @Test
    void sshIsSwitchedForTheAdminAccountAndTheFirewallListFollows() throws java.io.IOException {
        deleteSpool();
        java.nio.file.Files.deleteIfExists(SSH_UNIT);
        java.nio.file.Files.createDirectories(NETWORK_STATE);
        java.nio.file.Files.deleteIfExists(NETWORK_STATE.resolve("ssh-status"));
        java.nio.file.Files.deleteIfExists(NETWORK_STATE.resolve("firewall-status"));
        int sip = tandem.process().sipPort();
        browser = browsers.signedIn("/network");
        browser.awaitText("firewall-policy", "Firewall state unknown");
        assertThat(browser.text("firewall-sip-udp")).isEqualTo("SIP: UDP " + sip);
        assertThat(browser.text("firewall-sip-tcp")).isEqualTo("SIP: TCP " + sip);
        assertThat(browser.text("firewall-http-tcp"))
                .isEqualTo(
                        "HTTP (web UI, provisioning): TCP " + tandem.process().httpPort());
        assertThat(browser.text("firewall-rtp-udp")).startsWith("RTP/RTCP (voice): UDP ");
        assertThat(browser.present(By.id("firewall-tftp-udp")))
                .as("TFTP is off in this run")
                .isFalse();
        assertThat(browser.present(By.id("firewall-ssh-tcp"))).isFalse();
        assertThat(browser.text("ssh-note"))
                .contains("admin account made when Tandem was installed", "root can never log in by SSH");
        assertThat(browser.byId("ssh-access").getDomAttribute("readonly")).isNotNull();

        java.nio.file.Files.createDirectories(NETWORK_SPOOL); // installed from the .deb, on a Debian without sshd
        try {
            browser.open("/network");
            browser.awaitText("ssh-not-installed", "openssh-server is not installed on this system");
            assertThat(browser.byId("ssh-access").getDomAttribute("readonly")).isNotNull();

            java.nio.file.Files.writeString(SSH_UNIT, "[Unit]\nDescription=OpenBSD Secure Shell server\n");
            browser.open("/network");
            browser.awaitText("ssh-note", "root can never log in by SSH");
            assertThat(browser.present(By.id("ssh-not-installed"))).isFalse();
            assertThat(browser.byId("ssh-access").getDomAttribute("checked"))
                    .as("off by default")
                    .isNull();
            browser.toggle("ssh-access");
            browser.awaitText("ssh-outcome", "Handed to the system");
            assertThat(NETWORK_SPOOL.resolve("ssh")).hasContent("on");
            browser.awaitText("firewall-ssh-tcp", "SSH: TCP 22");

            // network-apply answers: sshd runs, port 22 open, the nftables policy active
            java.nio.file.Files.delete(NETWORK_SPOOL.resolve("ssh"));
            java.nio.file.Files.writeString(NETWORK_STATE.resolve("ssh-status"), "applied on\n");
            java.nio.file.Files.writeString(NETWORK_STATE.resolve("firewall-status"), "active\n");
            browser.open("/network");
            browser.awaitText("ssh-outcome", "SSH is on: sshd runs and port 22 is open");
            browser.awaitText("firewall-policy", "Tandem's firewall (nftables) is active");
            assertThat(browser.byId("ssh-access").getDomAttribute("checked"))
                    .as("the switch outlives the page")
                    .isNotNull();

            browser.toggle("ssh-access");
            browser.awaitText("ssh-outcome", "Handed to the system");
            assertThat(NETWORK_SPOOL.resolve("ssh")).hasContent("off");
            browser.until(() -> !browser.present(By.id("firewall-ssh-tcp")), "SSH gone from the firewall list");

            java.nio.file.Files.writeString(
                    NETWORK_STATE.resolve("ssh-status"), "failed systemctl could not stop ssh.service\n");
            browser.open("/network");
            browser.awaitText("ssh-outcome", "Switching SSH failed: systemctl could not stop ssh.service");
        } finally {
            deleteSpool();
            java.nio.file.Files.deleteIfExists(SSH_UNIT);
        }
    }

    private static void deleteSpool() throws java.io.IOException {
        if (!java.nio.file.Files.exists(NETWORK_SPOOL)) return;
        try (var walk = java.nio.file.Files.walk(NETWORK_SPOOL)) {
            for (java.nio.file.Path p :
                    walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
