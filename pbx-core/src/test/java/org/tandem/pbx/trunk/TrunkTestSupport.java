package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.tandem.pbx.proxy.Sipp;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.testsupport.PbxTestContext;

/** What the trunk ITs share: clearing routes and trunks between tests, and SIPp phones registered for an extension. */
final class TrunkTestSupport {

    private TrunkTestSupport() {}

    /** Routes first (a trunk a route uses cannot be deleted), then trunks: every test starts without either. */
    static void clearRoutesAndTrunks(PbxTestContext pbx) {
        OutboundRoutes routes = pbx.bean(OutboundRoutes.class);
        for (OutboundRoute r : routes.list()) routes.delete(r.id());
        TrunkDirectory trunks = pbx.bean(TrunkDirectory.class);
        for (Trunk t : trunks.list()) trunks.delete(t.id());
    }

    /** A SIPp phone registered for {@code extension} (secret "secret" + extension), running {@code scenario}. */
    static Sipp.Run registeredPhone(PbxTestContext pbx, String extension, String scenario) {
        Sipp uas = Sipp.scenario(scenario);
        String contact = "sip:" + extension + "@127.0.0.1:" + uas.port();
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(uas.port())
                .set("DOMAIN", PbxTestContext.DOMAIN)
                .set("CONTACT", contact)
                .calling(extension, pbx.sipPort())
                .auth(extension, "secret" + extension)
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !pbx.bean(LocationService.class).lookup(extension).isEmpty());
        return uas.set("CONTACT", contact).start();
    }
}
