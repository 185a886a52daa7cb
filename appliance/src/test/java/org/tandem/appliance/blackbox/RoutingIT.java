package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * The dial plan of the built appliance, configured over its REST API and used by SIPp phones:
 * feature codes change a user's settings (and the API shows it), a ring group set up over the API rings.
 */
class RoutingIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    private static final String PASSWORD = "Route-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("301", "302", "303", "304")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext); // DND and groups answer busy here, not the users' voicemail
        }
    }

    private static Sipp dialling(String scenario, String from, String dialled) {
        return tandem.sipp(scenario, "uac.xml")
                .service(from)
                .credentials(from, PASSWORD)
                .key("callee", dialled);
    }

    @Test
    void doNotDisturbByFeatureCodeIsSeenInTheApiAndRefusesCalls() {
        dialling("feature-code", "302", "*78").runAndAssertSuccess();
        assertThat(tandem.api()
                        .send("GET", "/api/v1/users/302/call-settings", null)
                        .json()
                        .get("dnd")
                        .asBoolean())
                .isTrue();

        dialling("call-486", "301", "302").runAndAssertSuccess();

        dialling("feature-code", "302", "*79").runAndAssertSuccess();
        assertThat(tandem.api()
                        .send("GET", "/api/v1/users/302/call-settings", null)
                        .json()
                        .get("dnd")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aRingGroupCreatedOverTheApiRingsItsMember() {
        TandemApi.Reply created = tandem.api()
                .send(
                        "POST",
                        "/api/v1/ring-groups",
                        "{\"number\":\"660\",\"name\":\"Desk\","
                                + "\"strategy\":\"SEQUENTIAL\",\"members\":[{\"destination\":\"extension:304\",\"ringSeconds\":10}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int port = FreePorts.udpAndTcp();
        tandem.register("304", PASSWORD, port, Transport.UDP);
        Sipp.Running member = tandem.sipp("call", "uas.xml")
                .transport(Transport.UDP)
                .localPort(port)
                .service("304")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);

        dialling("call", "303", "660").runAndAssertSuccess();
        member.await().assertSuccess();
    }
}
