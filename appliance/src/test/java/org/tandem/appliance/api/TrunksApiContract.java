package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * {@code /api/v1/trunks}, {@code /api/v1/outbound-routes}, {@code /api/v1/inbound-routes} and
 * {@code /api/v1/users/{ext}/outbound}: create, read, update, delete, order and every input error.
 */
abstract class TrunksApiContract extends CdrApiContract {

    static String trunk(String id, String host) {
        return "{\"id\":\"" + id + "\",\"host\":\"" + host + "\",\"username\":\"acct\",\"password\":\"pw-secret-1\","
                + "\"callerId\":\"+4930555000\"}";
    }

    @Test
    void createsATrunkWithDefaultsAndNeverShowsThePassword() {
        Response r = admin.post("/api/v1/trunks", trunk("sipgate", "127.0.0.1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/trunks/sipgate"));
        JsonNode body = r.json();
        assertThat(body.get("port").asInt()).isEqualTo(5060);
        assertThat(body.get("transport").asText()).isEqualTo("udp");
        assertThat(body.get("register").asBoolean()).isFalse();
        assertThat(body.get("callerIdPolicy").asText()).isEqualTo("caller");
        assertThat(body.get("hasPassword").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("pw-secret-1").doesNotContain("\"password\"");
        Response status = admin.get("/api/v1/trunks/sipgate/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("registration").asText()).isEqualTo("disabled");

        Response changed = admin.put(
                "/api/v1/trunks/sipgate",
                "{\"host\":\"127.0.0.1\",\"port\":5070,"
                        + "\"transport\":\"tcp\",\"username\":\"acct\",\"maxChannels\":4}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("port").asInt()).isEqualTo(5070);
        assertThat(changed.json().get("hasPassword").asBoolean())
                .as("kept when left out")
                .isTrue();
        assertThat(admin.get("/api/v1/trunks").json().size()).isGreaterThanOrEqualTo(1);
        assertThat(admin.post("/api/v1/trunks", trunk("sipgate", "127.0.0.1")).status())
                .isEqualTo(409);
        assertThat(admin.delete("/api/v1/trunks/sipgate").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/trunks/sipgate").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/trunks/sipgate/status").status()).isEqualTo(404);
    }

    @Test
    void invalidTrunksNameEveryBadField() {
        Response r = admin.post(
                "/api/v1/trunks",
                "{\"id\":\"Bad Name\",\"port\":70000,\"transport\":\"sctp\","
                        + "\"register\":true,\"registerExpiry\":5,\"inboundAddresses\":[\"not an ip\"],"
                        + "\"callerIdPolicy\":\"whatever\",\"callerId\":\"abc\",\"maxChannels\":0}");

        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().get("fields");
        for (String f : new String[] {
            "id",
            "host",
            "port",
            "transport",
            "username",
            "password",
            "registerExpiry",
            "inboundAddresses",
            "callerIdPolicy",
            "callerId",
            "maxChannels"
        }) {
            assertThat(fields.has(f)).as(f + " in " + fields).isTrue();
        }
        assertNoStackTrace(r);
    }

    @Test
    void outboundRoutesAreOrderedAndValidated() {
        // routes other classes left on this appliance go after this test's two in the new order
        List<String> others = admin.get("/api/v1/outbound-routes").json().findValuesAsText("id");
        admin.post("/api/v1/trunks", trunk("rt1", "127.0.0.1"));
        Response a = admin.post(
                "/api/v1/outbound-routes",
                "{\"id\":\"local\",\"patterns\":[\"9|NXXXXXX\"],"
                        + "\"prepend\":\"030\",\"trunks\":[\"rt1\"],\"permission\":\"local\"}");
        Response b = admin.post(
                "/api/v1/outbound-routes",
                "{\"id\":\"intl\",\"patterns\":[\"00.\"],"
                        + "\"trunks\":[\"rt1\"],\"permission\":\"international\",\"callerId\":\"+4930555999\"}");
        Response bad = admin.post(
                "/api/v1/outbound-routes",
                "{\"id\":\"bad\",\"patterns\":[\"9|NX?\"],"
                        + "\"trunks\":[\"nope\"],\"permission\":\"galactic\",\"prepend\":\"x\"}");

        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.json().get("position").asInt()).isEqualTo(others.size());
        assertThat(b.json().get("position").asInt()).isEqualTo(others.size() + 1);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").fieldNames())
                .toIterable()
                .contains("patterns", "trunks", "permission", "prepend");

        List<String> order = new ArrayList<>(List.of("intl", "local"));
        order.addAll(others);
        Response reordered =
                admin.put("/api/v1/outbound-routes/order", "{\"order\":[\"" + String.join("\",\"", order) + "\"]}");
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(admin.get("/api/v1/outbound-routes").json().get(0).get("id").asText())
                .isEqualTo("intl");
        assertThat(admin.put("/api/v1/outbound-routes/order", "{\"order\":[\"intl\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/outbound-routes/local")
                        .json()
                        .get("permission")
                        .asText())
                .isEqualTo("local");
        assertThat(admin.delete("/api/v1/outbound-routes/intl").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/outbound-routes/local")
                        .json()
                        .get("position")
                        .asInt())
                .isZero();
        // the trunk is not deleted while a route goes out through it
        Response inUse = admin.delete("/api/v1/trunks/rt1");
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("outbound route local");
        assertThat(admin.delete("/api/v1/outbound-routes/local").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/trunks/rt1").status()).isEqualTo(204);
    }

    @Test
    void inboundRoutesAndTheDefaultDestination() {
        // issue 17, defect 8: a destination must exist (as for IVR menus), and adding a DID twice is a clash
        admin.post("/api/v1/users", user("8871", "Ina Inbound", "s3cret-8871", null));
        admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"6881\",\"name\":\"Inbound\",\"members\":" + "[{\"destination\":\"extension:8871\"}]}");
        Response missing = admin.put("/api/v1/inbound-routes/4930555102", "{\"destination\":\"extension:999\"}");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("fields").get("destination").asText()).contains("there is no extension 999");
        assertThat(admin.put("/api/v1/inbound-routes/default", "{\"destination\":\"ringgroup:999\"}")
                        .status())
                .isEqualTo(400);
        Response put = admin.put("/api/v1/inbound-routes/4930555100", "{\"destination\":\"extension:8871\"}");
        Response bad = admin.put("/api/v1/inbound-routes/4930555101", "{\"destination\":\"pizza:now\"}");
        Response badDid = admin.put("/api/v1/inbound-routes/abc", "{\"destination\":\"hangup\"}");

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("destination").asText()).isEqualTo("extension:8871");
        Response again = admin.post("/api/v1/inbound-routes", "{\"did\":\"4930555100\",\"destination\":\"hangup\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(admin.get("/api/v1/inbound-routes/4930555100")
                        .json()
                        .get("destination")
                        .asText())
                .as("not replaced")
                .isEqualTo("extension:8871");
        Response added = admin.post("/api/v1/inbound-routes", "{\"did\":\"4930555103\",\"destination\":\"hangup\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(admin.delete("/api/v1/inbound-routes/4930555103").status()).isEqualTo(204);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("destination").asText()).contains("unknown destination type");
        assertThat(badDid.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/inbound-routes/default")
                        .json()
                        .get("destination")
                        .asText())
                .isEqualTo("hangup");
        assertThat(admin.put("/api/v1/inbound-routes/default", "{\"destination\":\"ringgroup:6881\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/inbound-routes/default")
                        .json()
                        .get("destination")
                        .asText())
                .isEqualTo("ringgroup:6881");
        assertThat(admin.delete("/api/v1/inbound-routes/4930555100").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/inbound-routes/4930555100").status()).isEqualTo(404);
        admin.put("/api/v1/inbound-routes/default", "{\"destination\":\"hangup\"}");
    }

    @Test
    void aUsersPermissionClassAndCallerId() {
        admin.post("/api/v1/users", user("801", "Otto", "s3cret-801", null));

        Response initial = admin.get("/api/v1/users/801/outbound");
        Response set = admin.put(
                "/api/v1/users/801/outbound", "{\"permission\":\"international\",\"callerId\":\"+4930555801\"}");
        Response bad = admin.put("/api/v1/users/801/outbound", "{\"permission\":\"everything\",\"callerId\":\"x\"}");

        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.json().get("permission").asText()).isEqualTo("national");
        assertThat(set.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/users/801/outbound")
                        .json()
                        .get("callerId")
                        .asText())
                .isEqualTo("+4930555801");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().contains("permission", "callerId");
        assertThat(admin.get("/api/v1/users/899/outbound").status()).isEqualTo(404);
        // issue 22: forwarding outside callers out of a trunk is a permission of its own, off by default
        assertThat(initial.json().get("forwardExternalCallers").asBoolean()).isFalse();
        assertThat(set.json().get("forwardExternalCallers").asBoolean()).isFalse();
        Response allowed = admin.put(
                "/api/v1/users/801/outbound",
                "{\"permission\":\"national\",\"callerId\":null,\"forwardExternalCallers\":true}");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(admin.put("/api/v1/users/801/outbound", "{\"permission\":\"national\"}")
                        .json()
                        .get("forwardExternalCallers")
                        .asBoolean())
                .as("a PUT without it keeps it")
                .isTrue();
        assertThat(admin.get("/api/v1/users/801/outbound")
                        .json()
                        .get("forwardExternalCallers")
                        .asBoolean())
                .isTrue();
        assertThat(admin.delete("/api/v1/users/801").status())
                .as("its settings go with it")
                .isEqualTo(204);
    }
}
