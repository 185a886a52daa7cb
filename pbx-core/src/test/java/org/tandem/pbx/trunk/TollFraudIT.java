package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.ivr.IvrMenuDraft;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Toll fraud through calls the appliance places on someone's behalf (issue 22, finding 1): every such call
 * is checked against the outbound class of the user who caused it. The provider is {@link RawProvider}, so
 * that "nothing left through the trunk" is an assertion; phones are {@link RawPhone}s.
 */
class TollFraudIT {

    static final String DOMAIN = PbxTestContext.DOMAIN;
    /** An international premium-rate number, the classic target of toll fraud. */
    static final String PREMIUM = "0090012345";

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.trunk.provider-timeout", "4s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("301", "302", "303", "304", "305")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @AfterEach
    void removeTrunksAndRoutes() {
        TrunkTestSupport.clearRoutesAndTrunks(pbx);
    }

    /** A provider at {@code port} whose outbound route {@code 00.} needs the international class. */
    private static void trunkWithInternationalRoute(int port) {
        pbx.bean(TrunkDirectory.class)
                .create(new TrunkDraft(
                        "fraud",
                        "127.0.0.1",
                        port,
                        "udp",
                        "acct",
                        null,
                        "pw",
                        "provider.test",
                        false,
                        60,
                        null,
                        "caller",
                        "+4930555000",
                        false,
                        null));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("intl", List.of("00."), null, List.of("fraud"), null, "international"));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("national", List.of("0Z."), null, List.of("fraud"), null, "national"));
    }

    @Test
    void anInternalUserWhoAnsweredATrunkCallCannotReferItToANumberTheyMayNotDial() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "301", "secret301")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555301", "extension:301");
            pbx.bean(OutboundRoutes.class).updateUserSettings("301", "internal", null);
            register(phone, "301");
            // dialled directly, the number is refused: 301's class is internal
            RawPhone.Leg direct = phone.invite(PREMIUM);
            SipText refused = phone.response(direct, 403);
            phone.ackFailure(direct, refused);

            RawPhone.Leg leg = answeredTrunkCall(provider, phone, "4930555301");
            // RFC 3515: the phone refers the outside caller to the premium number
            long refer = phone.send(
                    leg,
                    "REFER",
                    "Refer-To: <sip:" + PREMIUM + "@" + DOMAIN + ">",
                    "Referred-By: <sip:301@" + DOMAIN + ">");
            String outcome = transferOutcome(phone, leg, refer);

            Optional<SipText> out = provider.outboundInvite(Duration.ofSeconds(2));
            assertThat(out)
                    .as("INVITE out of the trunk on behalf of an internal user")
                    .isEmpty();
            assertThat(outcome).startsWith("SIP/2.0 403");
            // the call stays as it was: the phone hangs up, the provider gets the BYE
            hangUp(provider, phone, leg);
        }
    }

    @Test
    void aUserWithTheClassStillTransfersATrunkCallOutAndTheCallIsTheirs() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "305", "secret305")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555305", "extension:305");
            pbx.bean(OutboundRoutes.class).updateUserSettings("305", "international", "+4930555305");
            register(phone, "305");
            RawPhone.Leg leg = answeredTrunkCall(provider, phone, "4930555305");

            long refer = phone.send(leg, "REFER", "Refer-To: <sip:" + PREMIUM + "@" + DOMAIN + ">");
            Optional<SipText> out = provider.outboundInvite(Duration.ofSeconds(10));

            assertThat(out).hasValueSatisfying(invite -> {
                assertThat(invite.startLine()).startsWith("INVITE sip:" + PREMIUM + "@");
                // the transferor's caller ID: the call is on their behalf, and so are its charges
                assertThat(invite.header("From")).contains("+4930555305");
            });
            assertThat(transferOutcome(phone, leg, refer)).startsWith("SIP/2.0 486"); // the provider's busy
            hangUp(provider, phone, leg);
        }
    }

    @Test
    void aReferThatBypassesTheProxyIsNotBelievedAndStaysInside() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "305", "secret305")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555306", "extension:305");
            pbx.bean(OutboundRoutes.class).updateUserSettings("305", "international", null);
            register(phone, "305");
            RawPhone.Leg leg = answeredTrunkCall(provider, phone, "4930555306");

            // straight to the gateway's Contact, around the proxy's Record-Route, with a stamp of its own making
            List<String> routeSet = leg.routeSet;
            leg.routeSet = List.of();
            long refer = phone.send(
                    leg,
                    "REFER",
                    "Refer-To: <sip:" + PREMIUM + "@" + DOMAIN + ">",
                    "X-Tandem-Transferor: ext=305;tag=" + leg.localTag + ";sig=AAAAAAAAAAAAAAAAAAAAAA");
            String outcome = transferOutcome(phone, leg, refer);

            assertThat(provider.outboundInvite(Duration.ofSeconds(2))).isEmpty();
            assertThat(outcome).startsWith("SIP/2.0 403");
            leg.routeSet = routeSet;
            hangUp(provider, phone, leg);
        }
    }

    @Test
    void anInternalUserCannotHaveAColleaguesPhoneDialForThemByReferringIt() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone colleague = new RawPhone(pbx.sipPort(), DOMAIN, "303", "secret303");
                RawPhone internal = new RawPhone(pbx.sipPort(), DOMAIN, "301", "secret301")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(OutboundRoutes.class).updateUserSettings("301", "internal", null);
            pbx.bean(OutboundRoutes.class).updateUserSettings("303", "international", null);
            register(internal, "301");
            RawPhone.Leg toInternal = colleague.invite("301");
            RawPhone.Leg fromColleague = internal.respond(internal.request("INVITE"), 200, "OK");
            colleague.answered(toInternal);

            // RFC 3515: 301 refers 303 (whose phone follows REFERs) to the number 301 may not dial
            long refer = internal.send(
                    fromColleague,
                    "REFER",
                    "Refer-To: <sip:" + PREMIUM + "@" + DOMAIN + ">",
                    "Referred-By: <sip:301@" + DOMAIN + ">");
            colleague.respond(colleague.request("REFER"), 202, "Accepted");
            assertThat(internal.finalResponse(fromColleague, "REFER", refer).status())
                    .isEqualTo(202);
            RawPhone.Leg referred = colleague.invite(PREMIUM, "Referred-By: <sip:301@" + DOMAIN + ">");
            SipText refused = colleague.response(referred, 403);
            colleague.ackFailure(referred, refused);

            assertThat(refused.startLine()).contains("301 has internal");
            assertThat(provider.outboundInvite(Duration.ofSeconds(1))).isEmpty();
            long bye = colleague.send(toInternal, "BYE");
            internal.respond(internal.request("BYE"), 200, "OK");
            assertThat(colleague.finalResponse(toInternal, "BYE", bye).status()).isEqualTo(200);
        }
    }

    @Test
    void anInternalUserCannotForwardTheirCallsToANumberTheyMayNotDial() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "303", "secret303")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(OutboundRoutes.class).updateUserSettings("302", "internal", null);
            pbx.bean(OutboundRoutes.class).updateUserSettings("303", "international", null);
            forwardAlways("302", "external:" + PREMIUM);

            // 303 may call the number, but it is 302's forward: 302's class decides
            RawPhone.Leg call = caller.invite("302");
            SipText refused = caller.response(call, 403);
            caller.ackFailure(call, refused);

            assertThat(refused.startLine()).contains("302 has internal");
            assertThat(provider.outboundInvite(Duration.ofSeconds(2))).isEmpty();
            forwardAlways("302", null);
        }
    }

    @Test
    void anOutsideCallerIsNotForwardedOutOfTheTrunkWithoutThePermission() {
        try (RawProvider provider = new RawProvider(pbx.sipPort())) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555304", "extension:304");
            // national class, but the permission to forward outside callers out is off (the default)
            pbx.bean(OutboundRoutes.class).updateUserSettings("304", "national", null);
            forwardAlways("304", "external:0301234567");

            provider.call("4930555304", pbx.sipPort());
            SipText answer = provider.finalResponse();

            assertThat(answer.status()).isEqualTo(403);
            assertThat(provider.outboundInvite(Duration.ofSeconds(2))).isEmpty();
            forwardAlways("304", null);
        }
    }

    @Test
    void anOutsideCallerIsForwardedOutOfTheTrunkWithThePermission() {
        try (RawProvider provider = new RawProvider(pbx.sipPort())) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555307", "extension:304");
            pbx.bean(OutboundRoutes.class).updateUserSettings("304", "national", null, true);
            forwardAlways("304", "external:0301234567");

            provider.call("4930555307", pbx.sipPort());
            Optional<SipText> out = provider.outboundInvite(Duration.ofSeconds(10));

            assertThat(out).hasValueSatisfying(i -> assertThat(i.startLine()).startsWith("INVITE sip:0301234567@"));
            assertThat(provider.finalResponse().status()).isEqualTo(486); // the far end's busy, passed back
            pbx.bean(OutboundRoutes.class).updateUserSettings("304", "national", null, false);
            forwardAlways("304", null);
        }
    }

    @Test
    void ringMyMobileTooRingsOnlyThePhoneForAnOutsideCallerWithoutThePermission() {
        try (RawProvider provider = new RawProvider(pbx.sipPort());
                RawPhone phone = new RawPhone(pbx.sipPort(), DOMAIN, "302", "secret302")) {
            trunkWithInternationalRoute(provider.port());
            pbx.bean(InboundRoutes.class).put("4930555302", "extension:302");
            pbx.bean(OutboundRoutes.class).updateUserSettings("302", "national", null);
            pbx.bean(RoutingDirectory.class)
                    .updateCallSettings(
                            "302",
                            new CallSettingsDraft(false, null, null, null, null, "0301234567", true, null, null));
            register(phone, "302");

            // follow-me of an outside caller is a forward out of the trunk: the mobile is left out
            RawPhone.Leg leg = answeredTrunkCall(provider, phone, "4930555302");

            assertThat(provider.outboundInvite(Duration.ofSeconds(1))).isEmpty();
            hangUp(provider, phone, leg);
            pbx.bean(RoutingDirectory.class)
                    .updateCallSettings(
                            "302", new CallSettingsDraft(false, null, null, null, null, null, false, null, null));
        }
    }

    @Test
    void anIvrOptionTheAdminConfiguredStillTakesATrunkCallerOut() {
        try (RawProvider provider = new RawProvider(pbx.sipPort())) {
            trunkWithInternationalRoute(provider.port());
            // no key pressed: the fallback, an external number the admin chose, not any user's transfer
            pbx.bean(IvrMenus.class)
                    .create(new IvrMenuDraft(
                            "night",
                            "ivr-welcome",
                            Map.of("1", "extension:301"),
                            false,
                            1,
                            1,
                            null,
                            0,
                            "external:0301234567"));
            pbx.bean(InboundRoutes.class).put("4930555399", "ivr:night");

            provider.call("4930555399", pbx.sipPort());
            assertThat(provider.finalResponse().status()).isEqualTo(200);
            Optional<SipText> out = provider.outboundInvite(Duration.ofSeconds(20));

            assertThat(out).hasValueSatisfying(i -> assertThat(i.startLine()).startsWith("INVITE sip:0301234567@"));
        }
    }

    private static void forwardAlways(String extension, String destination) {
        pbx.bean(RoutingDirectory.class)
                .updateCallSettings(
                        extension, new CallSettingsDraft(false, destination, null, null, null, null, null, null, null));
    }

    /** The provider calls {@code did}, routed to {@code phone}, which answers; returns the phone's leg. */
    private static RawPhone.Leg answeredTrunkCall(RawProvider provider, RawPhone phone, String did) {
        provider.call(did, pbx.sipPort());
        RawPhone.Leg leg = phone.respond(phone.request("INVITE"), 200, "OK");
        assertThat(provider.finalResponse().status()).isEqualTo(200);
        return leg;
    }

    /** The phone hangs up; the gateway passes the BYE to the provider and answers the phone with its 200. */
    private static void hangUp(RawProvider provider, RawPhone phone, RawPhone.Leg leg) {
        long bye = phone.send(leg, "BYE");
        provider.answerBye();
        assertThat(phone.finalResponse(leg, "BYE", bye).status()).isEqualTo(200);
    }

    /**
     * What became of a REFER: a final status to the REFER itself, or the final NOTIFY's message/sipfrag
     * status line (RFC 3515 §2.4.5); NOTIFYs are answered 200.
     */
    static String transferOutcome(RawPhone phone, RawPhone.Leg leg, long referCseq) {
        SipText answer = phone.finalResponse(leg, "REFER", referCseq);
        if (answer.status() != 202) return answer.startLine();
        while (true) {
            SipText notify = phone.request("NOTIFY");
            phone.respond(notify, 200, "OK");
            String state = notify.header("Subscription-State");
            if (state != null && state.startsWith("terminated"))
                return notify.body().strip();
        }
    }

    static void register(RawPhone phone, String extension) {
        phone.register();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !pbx.bean(LocationService.class).lookup(extension).isEmpty());
    }
}
