package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * Watcher information (RFC 3857/3858) driven by presence rules stored over XCAP (RFC 5025), with SIPp as both
 * clients: 721's client watches its own watchers; 722, whom 721's rules say to confirm, subscribes to 721's presence
 * and waits pending; 721's client sees 722 pending; 721 allows 722 with an XCAP PUT; 722 gets 721's presence and
 * 721's client sees 722 active. Each step is a SIPp scenario that fails on a wrong Subscription-State or body
 * (sipp/watcher-info).
 */
class WatcherInfoSippIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    static final String OWNER_SECRET = "Winfo-sip-secret-1";
    static final String WATCHER_SECRET = "Winfo-sip-secret-2";
    static final String WEB = "winfo-web-password";
    static final String RULES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
              <cr:rule id="colleague"><cr:conditions><cr:identity><cr:one id="sip:722@%s"/></cr:identity></cr:conditions>
                <cr:actions><pr:sub-handling>%s</pr:sub-handling></cr:actions>
                <cr:transformations><pr:provide-services><pr:all-services/></pr:provide-services>
                  <pr:provide-persons><pr:all-persons/></pr:provide-persons><pr:provide-all-attributes/></cr:transformations>
              </cr:rule>
            </cr:ruleset>
            """;

    @Test
    void theUsersClientSeesItsWatcherPendingThenActive() throws Exception {
        tandem.api().createUser("721", "Wanda Info", OWNER_SECRET);
        tandem.api().createUser("722", "Walter", WATCHER_SECRET);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/721/web-password", "{\"password\":\"" + WEB + "\"}")
                        .status())
                .isEqualTo(204);
        assertThat(putRules("confirm")).isEqualTo(201);

        int ownerPort = FreePorts.udpAndTcp();
        tandem.sipp("watcher-info", "owner-subscribe.xml")
                .localPort(ownerPort)
                .service("721")
                .key("from", "721")
                .credentials("721", OWNER_SECRET)
                .timeout(Duration.ofSeconds(20))
                .runAndAssertSuccess();
        Sipp.Running owner = tandem.sipp("watcher-info", "owner-notified.xml")
                .localPort(ownerPort)
                .service("721")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(ownerPort, Transport.UDP);

        int watcherPort = FreePorts.udpAndTcp();
        tandem.sipp("watcher-info", "watcher-subscribe.xml")
                .localPort(watcherPort)
                .service("721")
                .key("from", "722")
                .credentials("722", WATCHER_SECRET)
                .timeout(Duration.ofSeconds(20))
                .runAndAssertSuccess();
        Sipp.Running watcher = tandem.sipp("watcher-info", "watcher-notified.xml")
                .localPort(watcherPort)
                .service("722")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(watcherPort, Transport.UDP);

        assertThat(putRules("allow")).as("721 allows 722").isEqualTo(200);
        watcher.await().assertSuccess();
        owner.await().assertSuccess();
    }

    /** 721's client stores its presence rules (RFC 5025) over XCAP, with the portal's web password. */
    private static int putRules(String subHandling) throws Exception {
        String path = "xcap-root/pres-rules/users/sip:721@" + tandem.process().domain() + "/index";
        HttpRequest put = HttpRequest.newBuilder(URI.create(tandem.process().httpUri("/") + path))
                .PUT(HttpRequest.BodyPublishers.ofString(
                        RULES.formatted(tandem.process().domain(), subHandling)))
                .header("Content-Type", "application/auth-policy+xml")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(("721:" + WEB).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.statusCode();
    }
}
