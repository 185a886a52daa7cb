package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * An OPERATOR account sees the routing and trunk pages of the web UI read-only: no add or save
 * button (Vaadin does not even send an invisible one to the browser, nor accept its clicks), every
 * field read-only (headless Chromium; the black-box jar has no way to make an operator,
 * so this runs on the Spring-started appliance, H2).
 */
@PagesAppliance
class RoutingPagesReadOnlyIT extends ApiTestBase {

    @Autowired
    RoutingDirectory routing;

    @Test
    void anOperatorSeesTheRoutingPagesButCannotSave(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        directory.create(new UserDraft("721", "Olga Viewed", "sip-secret-721", null));
        routing.createRingGroup(new RingGroupDraft(
                "720",
                "Front desk",
                "SIMULTANEOUS",
                20,
                List.of(new RingGroupDraft.MemberDraft("extension:721", null)),
                null,
                null));
        Map<Feature, String> codes = routing.featureCodes();
        accounts.create("viewer", "viewer-secret-1", AdminRole.OPERATOR, false);

        try (Browser browser = new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work))) {
            browser.logIn("viewer", "viewer-secret-1");
            browser.awaitPath("/");
            browser.awaitText("signed-in-as", "read-only");

            browser.open("/ring-groups");
            browser.awaitText("ring-groups", "Front desk");
            assertThat(browser.present(By.id("add-ring-group"))).isFalse();
            browser.element(By.xpath("//*[@id='ring-groups']//vaadin-grid-cell-content[normalize-space(.)='720']"))
                    .click();
            assertThat(browser.byId("rg-name").getAttribute("readonly")).isNotNull();
            assertThat(browser.byId("rg-member-0-value").getAttribute("readonly"))
                    .isNotNull();
            assertThat(browser.present(By.id("save-ring-group"))).isFalse();
            assertThat(browser.present(By.id("delete-ring-group"))).isFalse();

            browser.open("/feature-codes");
            assertThat(browser.byId("fc-DND_ON").getAttribute("readonly")).isNotNull();
            assertThat(browser.present(By.id("save-feature-codes"))).isFalse();

            browser.open("/user-routing/721");
            browser.awaitText("user-routing-title", "Olga Viewed");
            assertThat(browser.byId("cs-forward-always-value").getAttribute("readonly"))
                    .isNotNull();
            assertThat(browser.present(By.id("save-call-settings"))).isFalse();
            assertThat(browser.present(By.id("save-outbound"))).isFalse();

            browser.open("/trunks");
            browser.byId("trunks");
            assertThat(browser.present(By.id("add-trunk"))).isFalse();
            browser.open("/outbound-routes");
            browser.byId("outbound-routes");
            assertThat(browser.present(By.id("add-outbound-route"))).isFalse();
            browser.open("/inbound-routes");
            browser.byId("inbound-routes");
            assertThat(browser.present(By.id("add-inbound-route"))).isFalse();
            assertThat(browser.present(By.id("save-inbound-default"))).isFalse();
        }
        assertThat(routing.featureCodes()).isEqualTo(codes);
        assertThat(routing.ringGroup("720").orElseThrow().name()).isEqualTo("Front desk");
    }
}
