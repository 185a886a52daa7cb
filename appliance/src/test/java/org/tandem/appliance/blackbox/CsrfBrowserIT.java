package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 22, finding 6 in a real browser: an admin's Chromium has used the API (so it caches the Basic
 * credentials), then opens a page of another site whose form posts a CSV as {@code text/plain} to
 * {@code /api/v1/users/import}. The appliance must refuse it and create no user.
 */
class CsrfBrowserIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // creates nothing (6611 must stay absent)

    private Browser browser;
    private HttpServer evil;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void start() throws Exception {
        browser = new Browser(tandem.process());
        // another site: "localhost" is not the appliance's 127.0.0.1, so Chromium sends Sec-Fetch-Site: cross-site
        evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String api = "http://" + TandemProcess.HOST + ":" + tandem.process().httpPort() + "/api/v1/users/import";
        byte[] page = ("<!doctype html><html><body><form id='f' method='POST' enctype='text/plain' action='" + api
                        + "'>"
                        + "<input type='hidden' name='extension,name,sip_password&#10;6611,Evil,attacker-secret-' value='1'>"
                        + "</form><script>document.getElementById('f').submit()</script></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", x -> {
            x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        evil.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit(); // it caches the admin's Basic credentials, which reset() does not clear
        if (evil != null) evil.stop(0);
    }

    @Test
    void anotherSitesTextPlainFormPostWithCachedBasicCredentialsCreatesNoUser() {
        int port = tandem.process().httpPort();
        // the admin looked at the API in this browser: Chromium now caches the Basic credentials for it
        browser.open("http://admin:" + tandem.process().adminPassword() + "@" + TandemProcess.HOST + ":" + port
                + "/api/v1/account");
        browser.open("http://" + TandemProcess.HOST + ":" + port + "/api/v1/account");
        assertThat(browser.pageText())
                .as("the credentials are cached (sent without asking)")
                .contains("\"username\":\"admin\"");

        browser.open("http://localhost:" + evil.getAddress().getPort() + "/");
        browser.until(() -> browser.path().equals("/api/v1/users/import"), "the forged form post to be answered");
        String answer = browser.pageText();

        assertThat(tandem.api().send("GET", "/api/v1/users/6611", null).status())
                .as("no user from the forged post: " + answer)
                .isEqualTo(404);
        assertThat(answer).contains("cross-site request refused");
    }
}
