package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Users page's helpers for an admin (issue 17): a new user is offered the next free extension (after the
 * highest, past numbers other features use), and the list exports as CSV in the import's columns with no password and
 * nothing a spreadsheet would run — the same file as {@code GET /api/v1/users.csv}.
 */
class UserListPageIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension();
    @RegisterExtension
    static final AdminBrowser browsers = new AdminBrowser(tandem);

    private Browser browser;

    @Test
    void aNewUserIsOfferedTheNextFreeExtensionAndTheListExportsAsCsv() {
        tandem.api().createUser("471", "Rita Export", "Rita-secret-471");
        assertThat(tandem.api().send("PUT", "/api/v1/users/471", "{\"displayName\":\"Rita Export\","
                + "\"email\":\"rita@example.com\"}").status()).isEqualTo(200);
        tandem.api().createUser("472", "=SUM(1+2) Lager", "Lager-secret-472");
        assertThat(tandem.api().send("POST", "/api/v1/ring-groups", "{\"number\":\"473\",\"name\":\"Stock\","
                + "\"members\":[{\"destination\":\"extension:471\"}]}").status()).isEqualTo(201);
        TandemApi.Reply next = tandem.api().send("GET", "/api/v1/users/next-extension", null);
        assertThat(next.json().get("extension").asText()).as("473 is the ring group's").isEqualTo("474");

        browser = browsers.signedIn();
        browser.open("/users");
        browser.click("add-user");
        browser.until(() -> "474".equals(browser.script("const f = document.getElementById('user-extension');"
                        + " return f && f.value")),
                "474 suggested in the new user's extension");

        browser.open("/users");
        browser.awaitText("users", "Rita Export");
        Object csv = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-users').href).then(r => r.text()).then(done, e => done('' + e));");
        // WebDriver hands strings back with \n line ends: the CRLFs (RFC 4180) are checked on the API's bytes
        String downloaded = String.valueOf(csv).replace("\r\n", "\n");
        assertThat(downloaded)
                .startsWith("extension,name,email\n")
                .contains("471,Rita Export,rita@example.com\n")
                .contains("472,'=SUM(1+2) Lager,472@example.invalid\n")
                .doesNotContain("secret");
        TandemApi.Reply api = tandem.api().send("GET", "/api/v1/users.csv", null);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).startsWith("extension,name,email\r\n").contains("471,Rita Export,rita@example.com\r\n");
        assertThat(api.body().replace("\r\n", "\n")).isEqualTo(downloaded);
    }
}
