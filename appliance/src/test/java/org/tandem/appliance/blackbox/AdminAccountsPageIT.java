package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The Admin accounts page in Chromium (issues 15 and 17: accounts with roles managed in the UI): an admin creates the
 * front desk's account (bad input shown at its fields first), sees it listed with its one-time password pending, and
 * deletes it after the confirmation. A browser signed in with an account that is then deleted is signed out at its
 * next request. Over the API another admin may be deleted, one's own account may not (400, the reason at the field),
 * an unknown one is 404. An admin creates an API token on its page (the secret shown once), a script uses it and is
 * refused once it is revoked; changes another account's role (the account's menu follows) and resets its password
 * (the account must choose its own at its next login). The test that deletes the first admin runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAccountsPageIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    // own appliance: it deletes the first admin and starts from no API tokens
    static final TandemExtension tandem = new TandemExtension();

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void browserInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    /** The accounts the role and password tests make go again: the last test counts what is left. */
    @AfterEach
    void deleteTheirAccounts() {
        for (String account : new String[] {"desk5", "desk6"}) {
            if (tandem.api().send("GET", "/api/v1/admin-accounts", null).body().contains("\"" + account + "\"")) {
                tandem.api().send("DELETE", "/api/v1/admin-accounts/" + account, null);
            }
        }
    }

    /** A script's request with a bearer token, as curl sends it (no browser headers). */
    private static int asScript(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tandem.process().httpUri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static boolean audited(String words) {
        return tandem.api().send("GET", "/api/v1/audit?who=admin", null).body().contains(words);
    }

    @Test
    @Order(1)
    void anAdminCreatesATokenInThePageAScriptUsesItAndRevokingItShutsTheScriptOut() {
        Browser b = browsers.get();
        b.logInTo("/api-tokens", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        b.awaitText("nav-system", "API tokens");
        b.awaitText("api-tokens", "No tokens yet");

        b.fill("token-name", "nightly/backup");
        b.click("token-create");
        assertThat(b.fieldError("token-name")).contains("letters, digits");
        assertThat(b.text("token-form-error")).as("the error at its field only").isEmpty();
        assertThat(tandem.api().send("GET", "/api/v1/tokens", null).body())
                .as("nothing saved")
                .doesNotContain("nightly");
        b.fill("token-name", "ci-nightly");
        b.choose("token-role", "Admin: changes everything");
        b.click("token-create");
        b.awaitText("token-warning", "it will not be shown again");
        String secret = (String) b.script("return document.getElementById('token-secret').value");
        assertThat(secret).matches("tdm_[A-Za-z0-9_-]{43}");
        assertThat(b.present(By.id("token-copy"))).isTrue();
        b.click("token-close");
        b.until(() -> !b.present(By.id("token-created")), "the secret's dialog closed");
        b.awaitText("api-tokens", "ci-nightly");
        assertThat(b.value("token-name")).as("emptied for the next").isEmpty();
        assertThat(b.invalid("token-name")).as("the earlier error gone").isFalse();
        assertThat(b.text("api-tokens"))
                .contains("Admin: changes everything")
                .contains("never")
                .doesNotContain(secret.substring(4));
        assertThat(b.pageSource()).as("the secret is gone from the page").doesNotContain(secret.substring(4));
        b.until(() -> audited("created API token ci-nightly"), "the creation in the audit log");

        // a script with it: reads, and (ADMIN) changes; the page then shows its last use
        assertThat(asScript(secret, "GET", "/api/v1/users", null)).isEqualTo(200);
        assertThat(asScript(
                        secret,
                        "POST",
                        "/api/v1/users",
                        "{\"extension\":\"486\",\"displayName\":\"Script\"," + "\"password\":\"Script-secret-486\"}"))
                .isEqualTo(201);
        b.until(
                () -> tandem.api().send("GET", "/api/v1/audit", null).body().contains("token ci-nightly of admin"),
                "the script's change in the audit log, by the token's name");
        b.open("/api-tokens");
        b.awaitText("api-tokens", "ci-nightly");
        b.until(() -> !b.text("api-tokens").contains("never"), "the last use shown");
        assertThat(tandem.api().send("GET", "/api/v1/tokens", null).body())
                .contains("\"name\":\"ci-nightly\"")
                .doesNotContain(secret.substring(4));

        b.fill("token-name", "ci-nightly");
        b.click("token-create");
        assertThat(b.fieldError("token-name")).contains("is taken");

        // the search box finds a token by name, and an admin account by login name
        assertThat(b.offeredFor("global-search", "ci-nigh")).containsExactly("ci-nightly — API token");
        assertThat(b.offeredFor("global-search", TandemProcess.ADMIN_USER)).contains("admin — admin account");

        b.click("revoke-token-ci-nightly");
        b.awaitText("confirm-delete-text", "API token ci-nightly");
        b.click("confirm-delete-ok");
        b.until(() -> !tandem.api().send("GET", "/api/v1/tokens", null).body().contains("ci-nightly"), "revoked");
        assertThat(asScript(secret, "GET", "/api/v1/users", null))
                .as("a revoked token")
                .isEqualTo(401);
        b.until(() -> audited("revoked API token ci-nightly"), "the revocation in the audit log");
    }

    @Test
    @Order(2)
    void anAdminChangesAnotherAccountsRoleAndItsMenuFollows() {
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"desk5\",\"password\":"
                                        + "\"Desk-password-5\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        Browser b = browsers.get();
        b.logIn("desk5", "Desk-password-5");
        b.awaitPath("/operator");
        assertThat(b.present(By.id("nav-system"))).isFalse();
        assertThat(b.present(By.id("nav-call-flow")))
                .as("a receptionist has the operator panel only")
                .isFalse();
        b.click("logout");
        b.awaitPath("/login");

        b.logInTo("/admin-accounts", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        // one's own role: refused at the field (another admin changes it)
        b.click("edit-account-" + TandemProcess.ADMIN_USER);
        b.choose("edit-role", "Operator: reads everything, changes nothing");
        b.click("edit-role-save");
        assertThat(b.fieldError("edit-role")).contains("your own");
        b.click("account-dialog-close");

        b.click("edit-account-desk5");
        b.choose("edit-role", "Operator: reads everything, changes nothing");
        b.click("edit-role-save");
        b.until(
                () -> tandem.api()
                        .send("GET", "/api/v1/admin-accounts", null)
                        .body()
                        .contains("\"username\":\"desk5\",\"role\":\"OPERATOR\""),
                "desk5 an operator");
        b.awaitText("admin-accounts", "Operator: reads everything");
        b.until(() -> audited("changed role of admin account desk5"), "the change in the audit log");
        assertThat(tandem.api().send("GET", "/api/v1/admin-accounts", null).body())
                .contains("\"username\":\"admin\",\"role\":\"ADMIN\"");

        b.click("logout");
        b.awaitPath("/login");
        b.logIn("desk5", "Desk-password-5");
        b.until(() -> !b.path().equals("/login"), "desk5 signed in");
        b.awaitText("nav-call-flow", "Ring groups");
        b.awaitText("signed-in-as", "read-only");
        assertThat(b.text("nav-system")).doesNotContain("Admin accounts").doesNotContain("API tokens");

        // the same over the API: not one's own role, not an unknown one; back to the front desk
        TandemApi.Reply own = tandem.api().send("PUT", "/api/v1/admin-accounts/admin/role", "{\"role\":\"OPERATOR\"}");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().get("fields").get("role").asText()).contains("your own");
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/admin-accounts/desk5/role", "{\"role\":\"CLERK\"}")
                        .status())
                .isEqualTo(400);
        TandemApi.Reply back =
                tandem.api().send("PUT", "/api/v1/admin-accounts/desk5/role", "{\"role\":\"receptionist\"}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.body()).contains("\"role\":\"RECEPTIONIST\"");
        // this browser, signed in as desk5 while it was an operator, keeps no operator rights: signed out
        b.open("/users");
        b.awaitPath("/login");
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/admin-accounts/nosuch/role", "{\"role\":\"ADMIN\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void anAdminResetsAnotherAccountsPasswordWhichMustBeChangedAtTheNextLogin() {
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"desk6\",\"password\":"
                                        + "\"Desk-password-6\",\"role\":\"OPERATOR\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        Browser b = browsers.get();
        b.logInTo("/admin-accounts", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        b.click("edit-account-desk6");
        b.fill("reset-password", "Reset-pass-66");
        b.fill("reset-repeat", "Reset-pass-67");
        b.click("reset-save");
        assertThat(b.fieldError("reset-repeat")).contains("does not match");
        b.fill("reset-password", "short");
        b.fill("reset-repeat", "short");
        b.click("reset-save");
        assertThat(b.fieldError("reset-password")).contains("at least 8 characters");
        b.click("reset-generate");
        b.awaitText("reset-generated", "Generated: ");
        String oneTime = (String) b.script("return document.getElementById('reset-password').value");
        assertThat(b.text("reset-generated")).contains(oneTime);
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(8);
        b.click("reset-save");
        b.until(
                () -> tandem.api()
                        .send("GET", "/api/v1/admin-accounts", null)
                        .body()
                        .contains("\"username\":\"desk6\",\"role\":\"OPERATOR\",\"mustChangePassword\":true"),
                "desk6 must change its password");
        b.awaitText("admin-accounts", "at the next login");
        b.until(() -> audited("reset password of admin account desk6"), "the reset in the audit log");
        assertThat(TandemApi.as(tandem.process(), "desk6", "Desk-password-6")
                        .send("GET", "/api/v1/account", null)
                        .status())
                .as("the old password")
                .isEqualTo(401);

        b.click("logout");
        b.awaitPath("/login");
        b.logIn("desk6", oneTime);
        b.awaitPath("/change-password");
        assertThat(b.pageText()).contains("one-time password");
        b.open("/users");
        b.awaitPath("/change-password"); // nothing else before the password is changed
        b.fill("current-password", oneTime);
        b.fill("new-password", oneTime);
        b.fill("repeat-password", oneTime);
        b.click("change-password");
        assertThat(b.fieldError("new-password")).contains("differ from the one-time password");
        b.fill("new-password", "Desk-own-pass-6");
        b.fill("repeat-password", "Desk-own-pass-6");
        b.click("change-password");
        b.until(() -> !b.path().equals("/change-password"), "away from the password change");
        assertThat(TandemApi.as(tandem.process(), "desk6", "Desk-own-pass-6")
                        .send("GET", "/api/v1/users", null)
                        .status())
                .isEqualTo(200);

        // over the API: another account's one-time password; one's own needs the current one instead
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/admin-accounts/desk6/password", "{\"password\":\"Api-reset-66\"}")
                        .status())
                .isEqualTo(204);
        TandemApi desk6 = TandemApi.as(tandem.process(), "desk6", "Api-reset-66");
        assertThat(desk6.send("GET", "/api/v1/account", null).body()).contains("\"mustChangePassword\":true");
        assertThat(desk6.send("GET", "/api/v1/users", null).status())
                .as("nothing else until it is changed")
                .isEqualTo(403);
        TandemApi.Reply own =
                tandem.api().send("PUT", "/api/v1/admin-accounts/admin/password", "{\"password\":\"Api-reset-00\"}");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).contains("your own account");
        assertThat(tandem.api()
                        .send("PUT", "/api/v1/admin-accounts/desk6/password", "{\"password\":\"short\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    @Order(9) // deletes the first admin: last
    void anAdminCreatesAndDeletesAccountsAndADeletedAccountsSessionEnds() {
        Browser b = browsers.get();
        b.logInTo("/admin-accounts", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        b.awaitText("admin-accounts", TandemProcess.ADMIN_USER);
        assertThat(b.byId("delete-account-" + TandemProcess.ADMIN_USER).getAttribute("disabled"))
                .as("one's own account is not deleted from one's own session")
                .isNotNull();

        b.fill("account-username", "Front Desk");
        b.fill("account-password", "short");
        b.click("account-create");
        assertThat(b.fieldError("account-username")).contains("lower-case letters");
        assertThat(b.fieldError("account-password")).contains("at least 8 characters");
        assertThat(b.text("account-form-error")).as("every error at its field").isEmpty();
        assertThat(tandem.api().send("GET", "/api/v1/admin-accounts", null).body())
                .as("nothing saved")
                .doesNotContain("Front Desk");
        b.fill("account-username", "desk2");
        b.fill("account-password", "Desk-one-time-1");
        b.click("account-create");
        b.awaitText("admin-accounts", "desk2");
        assertThat(b.text("admin-accounts")).contains("Receptionist").contains("at the next login");
        b.fill("account-username", "desk2");
        b.fill("account-password", "Desk-one-time-2");
        b.click("account-create");
        assertThat(b.fieldError("account-username")).contains("is taken");
        TandemApi.Reply listed = tandem.api().send("GET", "/api/v1/admin-accounts", null);
        assertThat(listed.body()).contains("\"username\":\"desk2\"").contains("\"role\":\"RECEPTIONIST\"");

        b.click("delete-account-desk2");
        b.click("confirm-delete-ok");
        b.until(
                () -> !tandem.api()
                        .send("GET", "/api/v1/admin-accounts", null)
                        .body()
                        .contains("desk2"),
                "desk2 deleted");
        // the grid keeps cells of rows it no longer shows in the page: count its rows instead of reading its text
        b.until(
                () -> Long.valueOf(1).equals(b.script("return document.getElementById('admin-accounts').size")),
                "one account left in the list");

        // a session of an account deleted meanwhile ends at its next request
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"desk3\",\"password\":"
                                        + "\"Desk-password-3\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        b.click("logout");
        b.awaitPath("/login");
        b.logIn("desk3", "Desk-password-3");
        b.awaitPath("/operator");
        assertThat(tandem.api()
                        .send("DELETE", "/api/v1/admin-accounts/desk3", null)
                        .status())
                .isEqualTo(204);
        b.open("/operator");
        b.awaitPath("/login");
        assertThat(b.present(By.id("operator-lines"))).isFalse();

        // over the API: not one's own, not the last admin; another admin may go; an unknown one is 404
        TandemApi.Reply own = tandem.api().send("DELETE", "/api/v1/admin-accounts/" + TandemProcess.ADMIN_USER, null);
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).contains("your own account");
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"admin2\",\"password\":"
                                        + "\"Admin-two-pass-2\",\"role\":\"ADMIN\",\"mustChangePassword\":false}")
                        .status())
                .isEqualTo(201);
        TandemApi admin2 = TandemApi.as(tandem.process(), "admin2", "Admin-two-pass-2");
        TandemApi.Reply other = admin2.send("DELETE", "/api/v1/admin-accounts/" + TandemProcess.ADMIN_USER, null);
        assertThat(other.status()).as(other.body()).isEqualTo(204);
        // admin2 is now the only admin, and its own: it stays (its tokens act as it, so they cannot delete it either)
        TandemApi.Reply self = admin2.send("DELETE", "/api/v1/admin-accounts/admin2", null);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body()).contains("your own account");
        assertThat(admin2.send("DELETE", "/api/v1/admin-accounts/nosuch", null).status())
                .isEqualTo(404);
    }
}
