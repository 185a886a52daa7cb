package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/** {@code /api/v1/users}: create, read, update, delete and every input error. */
abstract class UsersApiContract extends ApiTestBase {

    @Test
    void createsAUserAndNeverEchoesTheSecret() {
        Response r = admin.post("/api/v1/users", user("101", "Alice", "s3cret-101", "a@example.com"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/users/101"));
        JsonNode body = r.json();
        assertThat(body.get("extension").asText()).isEqualTo("101");
        assertThat(body.get("displayName").asText()).isEqualTo("Alice");
        assertThat(body.get("email").asText()).isEqualTo("a@example.com");
        assertThat(body.get("aor").asText()).isEqualTo("sip:101@" + DOMAIN);
        assertThat(body.has("password")).isFalse();
        assertThat(r.body()).doesNotContain("s3cret-101");
        assertThat(directory.sipSecret("101")).contains("s3cret-101");

        Response again = admin.get("/api/v1/users/101");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).doesNotContain("s3cret-101");
        assertThat(again.json().get("displayName").asText()).isEqualTo("Alice");
    }

    @Test
    void aDuplicateExtensionIsAConflict() {
        assertThat(admin.post("/api/v1/users", user("102", "Bob", "s3cret-102", null))
                        .status())
                .isEqualTo(201);

        Response r = admin.post("/api/v1/users", user("102", "Bob Again", "s3cret-102", null));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("duplicate");
        assertThat(r.json().get("message").asText()).contains("102");
        assertThat(directory.find("102"))
                .hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Bob"));
    }

    @Test
    void invalidInputNamesEveryBadField() {
        Response r = admin.post("/api/v1/users", user("1x", "", "short", "not-an-email"));

        assertThat(r.status()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.get("error").asText()).isEqualTo("invalid input");
        assertThat(body.get("fields").get("extension").asText()).isEqualTo("must be 2 to 12 digits");
        assertThat(body.get("fields").get("displayName").asText()).isNotBlank();
        assertThat(body.get("fields").get("password").asText()).isNotBlank();
        assertThat(body.get("fields").get("email").asText()).isNotBlank();
        assertThat(directory.exists("1x")).isFalse();
        assertNoStackTrace(r);
    }

    @Test
    void malformedOrMissingBodiesAreBadRequests() {
        Response broken = admin.post("/api/v1/users", "{\"extension\": \"103\", ");
        Response empty = admin.post("/api/v1/users", "");
        Response wrongShape = admin.post("/api/v1/users", "[1, 2]");
        Response notJson = admin.send("POST", "/api/v1/users", "extension=103", "application/x-www-form-urlencoded");

        for (Response r : new Response[] {broken, empty, wrongShape}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("malformed request");
            assertNoStackTrace(r);
        }
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.json().get("message").asText()).contains("application/json");
        assertThat(directory.exists("103")).isFalse();
    }

    @Test
    void listsUsersInExtensionOrder() {
        admin.post("/api/v1/users", user("202", "Dora", "s3cret-202", null));
        admin.post("/api/v1/users", user("201", "Carl", "s3cret-201", null));

        Response r = admin.get("/api/v1/users");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        java.util.List<String> extensions = new java.util.ArrayList<>();
        r.json().forEach(u -> extensions.add(u.get("extension").asText()));
        assertThat(extensions).contains("201", "202").isSorted();
        assertThat(r.body()).doesNotContain("s3cret");
    }

    @Test
    void updateWithoutPasswordKeepsTheSecret() {
        admin.post("/api/v1/users", user("301", "Erin", "s3cret-301", "e@example.com"));

        Response r = admin.put("/api/v1/users/301", "{\"displayName\":\"Erin Smith\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isEqualTo("Erin Smith");
        assertThat(r.json().has("email"))
                .as("email left out of a PUT is cleared")
                .isFalse();
        assertThat(directory.sipSecret("301")).contains("s3cret-301");

        Response withPassword =
                admin.put("/api/v1/users/301", "{\"displayName\":\"Erin Smith\",\"password\":\"n3w-secret-301\"}");
        assertThat(withPassword.status()).isEqualTo(200);
        assertThat(withPassword.body()).doesNotContain("n3w-secret-301");
        assertThat(directory.sipSecret("301")).contains("n3w-secret-301");
    }

    @Test
    void updateRejectsBadInputAndUnknownUsers() {
        admin.post("/api/v1/users", user("302", "Finn", "s3cret-302", null));

        Response blankName = admin.put("/api/v1/users/302", "{\"displayName\":\" \"}");
        Response renamed = admin.put("/api/v1/users/302", "{\"extension\":\"303\",\"displayName\":\"Finn\"}");
        Response unknown = admin.put("/api/v1/users/399", "{\"displayName\":\"Nobody\"}");

        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.json().get("fields").get("displayName").asText()).isEqualTo("is required");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("fields").get("extension").asText()).contains("cannot be changed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not found");
        assertThat(directory.find("302"))
                .hasValueSatisfying(u -> assertThat(u.displayName()).isEqualTo("Finn"));
    }

    @Test
    void deleteRemovesTheUser() {
        admin.post("/api/v1/users", user("401", "Gina", "s3cret-401", null));

        Response r = admin.delete("/api/v1/users/401");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(admin.get("/api/v1/users/401").status()).isEqualTo(404);
        Response again = admin.delete("/api/v1/users/401");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asText()).contains("401");
        assertThat(directory.exists("401")).isFalse();
    }

    @Test
    void unknownUserIsNotFound() {
        Response r = admin.get("/api/v1/users/98765");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not found");
        assertThat(r.json().get("message").asText()).contains("98765");
    }
}
