package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The Admin accounts page in Chromium (issues 15 and 17: accounts with roles managed in the UI): an admin creates the
 * front desk's account (bad input shown at its fields first), sees it listed with its one-time password pending, and
 * deletes it after the confirmation. A browser signed in with an account that is then deleted is signed out at its
 * next request. Over the API another admin may be deleted, one's own account may not (400, the reason at the field),
 * an unknown one is 404.
 */
class AdminAccountsPageIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    @BeforeAll
    static void browserInstalled() {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @Test
    void anAdminCreatesAndDeletesAccountsAndADeletedAccountsSessionEnds() {
        Browser b = browsers.get();
        b.logInTo("/admin-accounts", TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        b.awaitText("admin-accounts", TandemProcess.ADMIN_USER);
        assertThat(b.byId("delete-account-" + TandemProcess.ADMIN_USER).getAttribute("disabled"))
                .as("one's own account is not deleted from one's own session").isNotNull();

        b.fill("account-username", "Front Desk");
        b.fill("account-password", "short");
        b.click("account-create");
        assertThat(b.fieldError("account-username")).contains("lower-case letters");
        assertThat(b.fieldError("account-password")).contains("at least 8 characters");
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
        b.until(() -> !tandem.api().send("GET", "/api/v1/admin-accounts", null).body().contains("desk2"),
                "desk2 deleted");
        // the grid keeps cells of rows it no longer shows in the page: count its rows instead of reading its text
        b.until(() -> Long.valueOf(1).equals(b.script("return document.getElementById('admin-accounts').size")),
                "one account left in the list");

        // a session of an account deleted meanwhile ends at its next request
        assertThat(tandem.api().send("POST", "/api/v1/admin-accounts", "{\"username\":\"desk3\",\"password\":"
                + "\"Desk-password-3\",\"role\":\"RECEPTIONIST\",\"mustChangePassword\":false}").status()).isEqualTo(201);
        b.click("logout");
        b.awaitPath("/login");
        b.logIn("desk3", "Desk-password-3");
        b.awaitPath("/operator");
        assertThat(tandem.api().send("DELETE", "/api/v1/admin-accounts/desk3", null).status()).isEqualTo(204);
        b.open("/operator");
        b.awaitPath("/login");
        assertThat(b.present(By.id("operator-lines"))).isFalse();

        // over the API: not one's own, not the last admin; another admin may go; an unknown one is 404
        TandemApi.Reply own = tandem.api().send("DELETE", "/api/v1/admin-accounts/" + TandemProcess.ADMIN_USER, null);
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).contains("your own account");
        assertThat(tandem.api().send("POST", "/api/v1/admin-accounts", "{\"username\":\"admin2\",\"password\":"
                + "\"Admin-two-pass-2\",\"role\":\"ADMIN\",\"mustChangePassword\":false}").status()).isEqualTo(201);
        TandemApi admin2 = TandemApi.as(tandem.process(), "admin2", "Admin-two-pass-2");
        TandemApi.Reply other = admin2.send("DELETE", "/api/v1/admin-accounts/" + TandemProcess.ADMIN_USER, null);
        assertThat(other.status()).as(other.body()).isEqualTo(204);
        // admin2 is now the only admin, and its own: it stays (its tokens act as it, so they cannot delete it either)
        TandemApi.Reply self = admin2.send("DELETE", "/api/v1/admin-accounts/admin2", null);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body()).contains("your own account");
        assertThat(admin2.send("DELETE", "/api/v1/admin-accounts/nosuch", null).status()).isEqualTo(404);
    }
}
