package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * The dashboard shows each trunk's registration with its provider (issue 17: "trunk state on the dashboard"), live:
 * a SIPp provider challenges and accepts the REGISTER (green "registered"), then refuses the refresh with 403 (red,
 * with the provider's answer); a trunk that does not register is shown neutral.
 */
class DashboardTrunksPageIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void aTrunksRegistrationShowsOnTheDashboardAsItChanges() {
        browser = browsers.signedIn();
        browser.awaitText("trunk-states", "No trunks");

        assertThat(tandem.api().send("POST", "/api/v1/trunks", trunk("plain", FreePorts.udpAndTcp(), false)).status())
                .isEqualTo(201);
        int port = FreePorts.udpAndTcp();
        // registered for 20 s before the refresh that gets the 403: the dashboard polls every 2 s, and a loaded
        // machine must not make it miss the green (with Expires: 2 it did, in a full run)
        Sipp.Running provider = tandem.sipp("trunk-register", "provider.xml").localPort(port)
                .key("user", "acct-reg").key("password", "pw-reg").key("expires", "20")
                .timeout(Duration.ofSeconds(60)).start().awaitListening(port, Transport.UDP);
        assertThat(tandem.api().send("POST", "/api/v1/trunks", trunk("reg", port, true)).status()).isEqualTo(201);

        browser.until(() -> badges().contains("reg: registered|success"), "reg registered, in green");
        assertThat(badges()).anyMatch(b -> b.startsWith("plain: ") && b.endsWith("|contrast")
                && !b.contains("registered"));
        provider.await().assertSuccess();
        browser.until(() -> badges().stream().anyMatch(b -> b.startsWith("reg: failed: ") && b.contains("403")
                && b.endsWith("|error")), "reg failed with the provider's 403, in red");
    }

    /** The dashboard's trunk badges as "text|colour". */
    @SuppressWarnings("unchecked")
    private List<String> badges() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('#trunk-states > span'))"
                + ".map(s => s.textContent.trim() + '|' + (s.getAttribute('theme') || '').replace('badge', '').trim())");
    }

    private static String trunk(String id, int port, boolean register) {
        return "{\"id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"acct-" + id
                + "\",\"password\":\"pw-" + id + "\",\"fromDomain\":\"provider.test\",\"register\":" + register
                + ",\"registerExpiry\":60}";
    }
}
