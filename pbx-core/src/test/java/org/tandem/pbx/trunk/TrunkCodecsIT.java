package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.proxy.Sipp;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SippRunner;

/**
 * A trunk's allowed codecs (issue 17) against SIPp as provider and phones: the provider is offered the phone's codecs
 * restricted to the trunk's, in the trunk's order, with telephone-event (RFC 4733) kept, and the phone is offered the
 * provider's likewise, in the first offer and in re-offers; an offer without any allowed codec is refused with 488 and
 * Warning 305 on either side (RFC 3264 §6, RFC 3261 §21.4.26 and §14.2), and never reaches the far side.
 */
class TrunkCodecsIT {

    static final String DOMAIN = PbxTestContext.DOMAIN;

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        pbx = PbxTestContext.start(data, Map.of("tandem.trunk.provider-timeout", "4s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("211", "212")) users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @AfterEach
    void removeTrunksAndRoutes() {
        TrunkTestSupport.clearRoutesAndTrunks(pbx);
    }

    private static Trunk trunk(String id, int port, List<String> codecs) {
        return pbx.bean(TrunkDirectory.class)
                .create(new TrunkDraft(
                        id,
                        "127.0.0.1",
                        port,
                        "udp",
                        "acct-" + id,
                        null,
                        "pw-" + id,
                        "provider.test",
                        false,
                        60,
                        null,
                        "caller",
                        "+4930555000",
                        false,
                        null,
                        codecs,
                        "rfc4733",
                        null));
    }

    @Test
    void theProviderIsOfferedOnlyTheTrunksCodecsInTheTrunksOrderAndItsAnswerReachesThePhone() {
        Sipp provider = Sipp.scenario("trunk/codecs/provider");
        Trunk t = trunk("hd", provider.port(), List.of("G722", "PCMA"));
        assertThat(t.codecs()).containsExactly("G722", "PCMA");
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("hd", List.of("9|NXXXXXX"), "0049", List.of("hd"), null, "local"));
        Sipp.Run callee = provider.set("NUMBER", "00495551234").start();

        ExternalRoute.Through through = (ExternalRoute.Through) pbx.bean(ExternalCalls.class)
                .route(new ExternalCallRequest("codecs-1", "211", "211", "Alice", "95551234", true, null));
        Sipp.Run caller = Sipp.scenario("trunk/codecs/proxy")
                .set("RURI", through.requestUri().toString())
                .arg("-cid_str", "codecs-1")
                .set("DIALLED", "95551234")
                .set("ORDER", through.headers().get(0).toString().strip())
                .calling("95551234", pbx.sipPort())
                .start();

        assertThat(callee.exitCode()).as(callee::log).isZero();
        assertThat(caller.exitCode()).as(caller::log).isZero();
    }

    @Test
    void reOffersInTheCallAreHeldToTheTrunksCodecsAndOneWithoutAnyIsRefused() {
        Sipp provider = Sipp.scenario("trunk/codecs/provider-reinvite");
        trunk("re", provider.port(), List.of("G722", "PCMA"));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("re", List.of("9|NXXXXXX"), "0049", List.of("re"), null, "local"));
        Sipp.Run callee = provider.set("NUMBER", "00495551235").start();

        ExternalRoute.Through through = (ExternalRoute.Through) pbx.bean(ExternalCalls.class)
                .route(new ExternalCallRequest("codecs-re", "211", "211", "Alice", "95551235", true, null));
        Sipp.Run caller = Sipp.scenario("trunk/codecs/proxy-reinvite")
                .set("RURI", through.requestUri().toString())
                .arg("-cid_str", "codecs-re")
                .set("DIALLED", "95551235")
                .set("ORDER", through.headers().get(0).toString().strip())
                .calling("95551235", pbx.sipPort())
                .start();

        assertThat(caller.exitCode()).as(caller::log).isZero();
        assertThat(callee.exitCode()).as(callee::log).isZero();
    }

    @Test
    void aPhoneOfferingNoCodecTheTrunkAllowsGets488AndTheProviderIsNotCalled() {
        trunk("wide", 5997, List.of("G722", "opus")); // nothing listens there: a call would time out, not 488
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("wide", List.of("8|0Z."), null, List.of("wide"), null, "national"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("212", "national", null);

        Sipp uac = Sipp.scenario("trunk/codecs/phone-refused");
        Sipp.Run phone = uac.set("DOMAIN", DOMAIN)
                .set("CALLER", "212")
                .set("CONTACT", "sip:212@127.0.0.1:" + uac.port() + ";transport=UDP")
                .calling("80301234567", pbx.sipPort())
                .auth("212", "secret212")
                .start();

        assertThat(phone.exitCode()).as(phone::log).isZero();
    }

    @Test
    void aPhoneIsOfferedOnlyTheTrunksCodecsOfAnInboundCall() {
        Sipp provider = Sipp.scenario("trunk/codecs/provider-inbound");
        trunk("in-a", provider.port(), List.of("PCMA"));
        pbx.bean(InboundRoutes.class).put("4930555300", "extension:211");
        Sipp.Run phone = TrunkTestSupport.registeredPhone(pbx, "211", "trunk/codecs/phone");

        Sipp.Run call = provider.set("DID", "4930555300")
                .set("PBX", "127.0.0.1:" + pbx.sipPort())
                .calling("4930555300", pbx.sipPort())
                .start();

        assertThat(call.exitCode()).as(call::log).isZero();
        assertThat(phone.exitCode()).as(phone::log).isZero();
        pbx.bean(InboundRoutes.class).delete("4930555300");
    }

    @Test
    void aProviderOfferingNoCodecTheTrunkAllowsGets488() {
        Sipp provider = Sipp.scenario("trunk/codecs/provider-refused");
        trunk("in-b", provider.port(), List.of("PCMA", "PCMU"));
        pbx.bean(InboundRoutes.class).put("4930555301", "extension:212");

        Sipp.Run call = provider.set("DID", "4930555301")
                .set("PBX", "127.0.0.1:" + pbx.sipPort())
                .calling("4930555301", pbx.sipPort())
                .start();

        assertThat(call.exitCode()).as(call::log).isZero();
        pbx.bean(InboundRoutes.class).delete("4930555301");
    }
}
