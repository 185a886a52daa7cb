package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Paging groups over the API (issue 18): create, read, update, delete; bad fields named; numbers that never collide
 * with extensions, ring groups and conference rooms; {@code page:<number>} as a destination that must exist and keeps
 * its group from being deleted; a member cannot be deleted while a group names them. Run per database by
 * {@link PagingGroupApiH2IT} and {@link PagingGroupApiMariaDbIT}; each test uses its own numbers. A multicast group's
 * address is kept in the database (V67) and checked: IPv4 multicast, an even port, one group per address.
 */
abstract class PagingGroupApiContract extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPagingGroupIsCreatedReadChangedAndDeleted() {
        ensureUser("871");
        ensureUser("872");
        ensureUser("873");
        Response created = admin.post(
                "/api/v1/paging-groups", "{\"number\":\"870\",\"name\":\"Warehouse\",\"members\":[\"871\",\"872\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/paging-groups/870"));
        assertThat(created.json().get("members").toString()).isEqualTo("[\"871\",\"872\"]");

        JsonNode read = admin.get("/api/v1/paging-groups/870").json();
        assertThat(read.get("name").asText()).isEqualTo("Warehouse");
        assertThat(admin.get("/api/v1/paging-groups").json().findValuesAsText("number"))
                .contains("870");

        Response changed = admin.put(
                "/api/v1/paging-groups/870", "{\"name\":\"Warehouse and yard\",\"members\":[\"873\",\"871\"]}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode again = admin.get("/api/v1/paging-groups/870").json();
        assertThat(again.get("name").asText()).isEqualTo("Warehouse and yard");
        assertThat(again.get("members").toString())
                .as("members kept in the admin's order")
                .isEqualTo("[\"873\",\"871\"]");

        Response renumbered =
                admin.put("/api/v1/paging-groups/870", "{\"number\":\"879\",\"name\":\"X\",\"members\":[\"871\"]}");
        assertThat(renumbered.status()).isEqualTo(400);
        assertThat(renumbered.json().get("fields").get("number").asText()).contains("cannot be changed");

        assertThat(admin.delete("/api/v1/paging-groups/870").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/paging-groups/870").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/paging-groups/870").status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/paging-groups/870", "{\"name\":\"X\",\"members\":[\"871\"]}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badPagingGroupsNameEachField() {
        ensureUser("875");
        Response r = admin.post(
                "/api/v1/paging-groups", "{\"number\":\"87a\",\"name\":\"\",\"members\":[\"899\",\"875\",\"875\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonNode f = r.json().get("fields");
        assertThat(f.get("number").asText()).contains("2 to 12 digits");
        assertThat(f.get("name").asText()).contains("required");
        assertThat(f.get("members[0]").asText()).contains("no extension 899");
        assertThat(f.get("members[2]").asText()).contains("listed twice");
        assertNoStackTrace(r);

        Response empty = admin.post("/api/v1/paging-groups", "{\"number\":\"876\",\"name\":\"Empty\",\"members\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("fields").get("members").asText()).contains("1 to 50 members");
        assertThat(admin.get("/api/v1/paging-groups/876").status()).isEqualTo(404);
    }

    @Test
    void pagingNumbersExtensionsRingGroupsAndRoomsNeverCollide() {
        ensureUser("881");
        assertThat(admin.post("/api/v1/paging-groups", "{\"number\":\"880\",\"name\":\"Yard\",\"members\":[\"881\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(
                                "/api/v1/ring-groups",
                                "{\"number\":\"882\",\"name\":\"Desk\","
                                        + "\"members\":[{\"destination\":\"extension:881\"}]}")
                        .status())
                .isEqualTo(201);

        Response samePaging =
                admin.post("/api/v1/paging-groups", "{\"number\":\"880\",\"name\":\"Again\",\"members\":[\"881\"]}");
        Response pagingOnExtension =
                admin.post("/api/v1/paging-groups", "{\"number\":\"881\",\"name\":\"Clash\",\"members\":[\"881\"]}");
        Response pagingOnGroup =
                admin.post("/api/v1/paging-groups", "{\"number\":\"882\",\"name\":\"Clash\",\"members\":[\"881\"]}");
        Response extensionOnPaging = admin.post("/api/v1/users", user("880", "Clash", "s3cret-880", null));
        Response groupOnPaging = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"880\",\"name\":\"Clash\"," + "\"members\":[{\"destination\":\"extension:881\"}]}");
        Response roomOnPaging = admin.post("/api/v1/conference-rooms", "{\"number\":\"880\",\"name\":\"Clash\"}");

        for (Response c : new Response[] {
            samePaging, pagingOnExtension, pagingOnGroup, extensionOnPaging, groupOnPaging, roomOnPaging
        }) {
            assertThat(c.status()).as(c.toString()).isEqualTo(409);
            assertThat(c.json().get("error").asText()).isEqualTo("duplicate");
        }
        assertThat(pagingOnGroup.json().get("message").asText()).contains("ring group Desk");
        assertThat(groupOnPaging.json().get("message").asText()).contains("paging group Yard");
        assertThat(roomOnPaging.json().get("message").asText()).contains("paging group Yard");
        assertThat(extensionOnPaging.json().get("message").asText()).contains("paging group Yard");
        assertThat(directory.exists("880")).isFalse();
    }

    @Test
    void aGroupUsedAsADestinationAndItsMembersAreNotDeleted() {
        ensureUser("884");
        Response missing = admin.put("/api/v1/inbound-routes/4930555884", "{\"destination\":\"page:885\"}");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("fields").get("destination").asText()).contains("no paging group 885");

        assertThat(admin.post(
                                "/api/v1/paging-groups",
                                "{\"number\":\"885\",\"name\":\"Shop floor\",\"members\":[\"884\"]}")
                        .status())
                .isEqualTo(201);
        Response route = admin.put("/api/v1/inbound-routes/4930555884", "{\"destination\":\"page:885\"}");
        assertThat(route.status()).as(route.toString()).isEqualTo(200);

        Response groupInUse = admin.delete("/api/v1/paging-groups/885");
        assertThat(groupInUse.status()).as(groupInUse.toString()).isEqualTo(409);
        assertThat(groupInUse.json().get("error").asText()).isEqualTo("in use");
        assertThat(groupInUse.json().get("message").asText()).contains("inbound route 4930555884");

        Response memberInUse = admin.delete("/api/v1/users/884");
        assertThat(memberInUse.status()).as(memberInUse.toString()).isEqualTo(409);
        assertThat(memberInUse.json().get("message").asText()).contains("paging group 885 Shop floor (member)");

        assertThat(admin.delete("/api/v1/inbound-routes/4930555884").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/paging-groups/885").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/users/884").status())
                .as("a member of no group any more")
                .isEqualTo(204);
    }

    @Test
    void aMulticastGroupKeepsItsAddressAndBadAddressesAreNamed() {
        ensureUser("891");
        Response created = admin.post(
                "/api/v1/paging-groups",
                "{\"number\":\"890\",\"name\":\"Hall\","
                        + "\"members\":[\"891\"],\"multicastAddress\":\" 224.0.1.75:5000 \"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("multicastAddress").asText()).isEqualTo("224.0.1.75:5000");
        assertThat(admin.get("/api/v1/paging-groups/890")
                        .json()
                        .get("multicastAddress")
                        .asText())
                .isEqualTo("224.0.1.75:5000");
        assertThat(jdbc.sql("SELECT multicast_address FROM paging_group WHERE group_number = '890'")
                        .query(String.class)
                        .single())
                .as("written through to the database")
                .isEqualTo("224.0.1.75:5000");

        Response sameAddress = admin.post(
                "/api/v1/paging-groups",
                "{\"number\":\"892\",\"name\":\"Other\","
                        + "\"members\":[\"891\"],\"multicastAddress\":\"224.0.1.75:5000\"}");
        assertThat(sameAddress.status()).as(sameAddress.toString()).isEqualTo(400);
        assertThat(sameAddress.json().get("fields").get("multicastAddress").asText())
                .contains("already the address of paging group 890 Hall");

        String[][] bad = {
            {"192.168.1.5:5000", "multicast range 224.0.0.0 to 239.255.255.255"},
            {"240.0.0.1:5000", "multicast range"},
            {"224.0.1.75:5001", "port must be even"},
            {"224.0.1.75:80", "1024 to 65534"},
            {"224.0.1.75:65536", "1024 to 65534"},
            {"224.0.1.75", "an IPv4 multicast address and a port"},
            {"paging.example:5000", "an IPv4 multicast address and a port"},
            {"224.0.1.300:5000", "not an IPv4 address"},
            {"224.0.0.5:5000", "reserved for routing protocols"}
        };
        for (String[] b : bad) {
            Response r = admin.post(
                    "/api/v1/paging-groups",
                    "{\"number\":\"893\",\"name\":\"Bad\"," + "\"members\":[\"891\"],\"multicastAddress\":\"" + b[0]
                            + "\"}");
            assertThat(r.status()).as(b[0] + ": " + r).isEqualTo(400);
            assertThat(r.json().get("fields").get("multicastAddress").asText())
                    .as(b[0])
                    .contains(b[1]);
            assertNoStackTrace(r);
        }
        assertThat(admin.get("/api/v1/paging-groups/893").status()).isEqualTo(404);

        Response unicast = admin.put("/api/v1/paging-groups/890", "{\"name\":\"Hall\",\"members\":[\"891\"]}");
        assertThat(unicast.status()).as(unicast.toString()).isEqualTo(200);
        assertThat(unicast.json().hasNonNull("multicastAddress"))
                .as("without the field: calls the phones")
                .isFalse();
        assertThat(jdbc.sql("SELECT multicast_address FROM paging_group WHERE group_number = '890'")
                        .query(String.class)
                        .optional())
                .isEmpty();
        Response again = admin.put(
                "/api/v1/paging-groups/890",
                "{\"name\":\"Hall\",\"members\":[\"891\"]," + "\"multicastAddress\":\"239.1.1.1:5002\"}");
        assertThat(again.json().get("multicastAddress").asText()).isEqualTo("239.1.1.1:5002");
        assertThat(admin.delete("/api/v1/paging-groups/890").status()).isEqualTo(204);
    }

    /**
     * Issue 18: the multicast parser's refusal and a 409's sentence follow Accept-Language like every field error;
     * without the header they stay English.
     */
    @Test
    void aBadMulticastAddressAndATakenNumberReadInGermanWhenAskedFor() {
        ensureUser("895");
        String odd = "{\"number\":\"894\",\"name\":\"Lager\",\"members\":[\"895\"],"
                + "\"multicastAddress\":\"224.0.1.75:5001\"}";
        Response german = admin.inLanguage("de-DE,de;q=0.9,en;q=0.5").post("/api/v1/paging-groups", odd);
        assertThat(german.status()).as(german.toString()).isEqualTo(400);
        assertThat(german.json().get("fields").get("multicastAddress").asText())
                .isEqualTo(
                        "der Port muss gerade sein, "
                                + "von 1024 bis 65534 (RTP nutzt den geraden Port, RTCP den nächsten), z. B. 224.0.1.75:5000 oder 239.1.1.1:5000");
        assertThat(admin.post("/api/v1/paging-groups", odd)
                        .json()
                        .get("fields")
                        .get("multicastAddress")
                        .asText())
                .startsWith("the port must be even");

        Response onTheExtension = admin.inLanguage("de")
                .post("/api/v1/paging-groups", "{\"number\":\"895\",\"name\":\"Lager\",\"members\":[\"895\"]}");
        assertThat(onTheExtension.status()).as(onTheExtension.toString()).isEqualTo(409);
        assertThat(onTheExtension.json().get("message").asText())
                .isEqualTo(
                        "Die Nummer 895 ist bereits die Durchwahl 895; "
                                + "wählen Sie eine andere Nummer für die Durchsagegruppe; ändern Sie es mit PUT oder wählen Sie ein anderes");
        assertThat(admin.get("/api/v1/paging-groups/894").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/paging-groups/895").status()).isEqualTo(404);
    }
}
