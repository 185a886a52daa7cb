package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * What XCAP documents stored over HTTP do on the SIP side, with SIPp as the client (sipp/xcap-subscriptions): an RLS
 * service (RFC 4826 §4) defined with an XCAP PUT is one RFC 4662 list subscription of its members; an xcap-diff
 * subscription (RFC 5875) is told when the buddy list is created and changed by XCAP, with the entity tags.
 */
class XcapSippIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    static final String SECRET = "Xcap-sipp-secret-1";
    static final String WEB = "xcap-sipp-web-password";

    @BeforeAll
    static void users() {
        tandem.api().createUser("731", "Rose List", SECRET);
        for (String ext : new String[] {"732", "733", "734"}) tandem.api().createUser(ext, "User " + ext, SECRET + ext);
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/users/731/web-password", "{\"password\":\"" + WEB + "\"}")
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anRlsServiceDefinedByXcapIsOneListSubscription() throws Exception {
        String d = tandem.process().domain();
        assertThat(put("rls-services", "application/rls-services+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
                  <service uri="sip:731-team@%1$s">
                    <list name="team"><rl:entry uri="sip:732@%1$s"/><rl:entry uri="sip:733@%1$s"/></list>
                    <packages><package>presence</package></packages>
                  </service>
                </rls-services>
                """.formatted(d))
                        .statusCode())
                .isEqualTo(201);
        tandem.sipp("xcap-subscriptions", "rls-subscribe.xml")
                .service("731")
                .key("to", "731-team")
                .credentials("731", SECRET)
                .timeout(Duration.ofSeconds(20))
                .runAndAssertSuccess();
    }

    @Test
    void xcapDiffTellsTheClientWhenItsBuddyListChanges() throws Exception {
        int port = FreePorts.udpAndTcp();
        tandem.sipp("xcap-subscriptions", "diff-subscribe.xml")
                .localPort(port)
                .service("731")
                .key("to", "731")
                .credentials("731", SECRET)
                .timeout(Duration.ofSeconds(20))
                .runAndAssertSuccess();
        Sipp.Running client = tandem.sipp("xcap-subscriptions", "diff-notified.xml")
                .localPort(port)
                .service("731")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);

        String d = tandem.process().domain();
        HttpResponse<String> created = put("resource-lists", "application/resource-lists+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
                  <list name="buddies"><entry uri="sip:732@%s"/></list>
                </resource-lists>
                """.formatted(d));
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> changed = put("resource-lists", "application/resource-lists+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
                  <list name="buddies"><entry uri="sip:733@%s"/></list>
                </resource-lists>
                """.formatted(d));
        assertThat(changed.statusCode()).isEqualTo(200);
        client.await().assertSuccess();
    }

    /** 731's client PUTs a whole document (Basic with the portal's web password). */
    private static HttpResponse<String> put(String auid, String type, String xml) throws Exception {
        String path = "xcap-root/" + auid + "/users/sip:731@" + tandem.process().domain() + "/index";
        HttpRequest put = HttpRequest.newBuilder(URI.create(tandem.process().httpUri("/") + path))
                .PUT(HttpRequest.BodyPublishers.ofString(xml))
                .header("Content-Type", type)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(("731:" + WEB).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
    }
}
