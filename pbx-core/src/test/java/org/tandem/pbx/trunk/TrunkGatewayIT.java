package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.StereoWav;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.proxy.Sipp;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordedCall;
import org.tandem.pbx.routing.ExternalCallRequest;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.testsupport.EveryCallEvent;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.SippRunner;

/**
 * The trunk feature against SIPp playing the provider (never a real one): registration, outbound calls
 * through a route with strip/prepend, the provider's challenge and failover, inbound DID routing, and
 * the refusal of requests that pass for a trunk or for the proxy. Phones are SIPp too: end to end,
 * phone → proxy (dial plan) → gateway → provider; some tests let a SIPp UAC play the proxy's spiral with
 * the header {@link ExternalCalls} produced, to pin down the gateway alone.
 */
class TrunkGatewayIT {

    static final String DOMAIN = PbxTestContext.DOMAIN;

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final List<CallTrunkUsed> trunkEvents = new CopyOnWriteArrayList<>();
    static final List<DialogStateChanged> dialogEvents = new CopyOnWriteArrayList<>();
    static final List<CallStarted> startedCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.auth.algorithms",
                        "MD5,SHA-256",
                        "tandem.trunk.provider-timeout",
                        "4s",
                        "tandem.trunk.retry-initial",
                        "1s",
                        "tandem.trunk.retry-max",
                        "4s",
                        "tandem.security.max-failures",
                        "3",
                        // the recorded calls' relay on loopback, where the test phones and provider send their RTP
                        "tandem.media.bind-address",
                        "127.0.0.1",
                        "tandem.media.advertised-address",
                        "127.0.0.1"));
        pbx.bean(CallEvents.class).listen(new EveryCallEvent(e -> {
            if (e instanceof CallTrunkUsed used) trunkEvents.add(used);
            if (e instanceof DialogStateChanged changed) dialogEvents.add(changed);
            if (e instanceof CallStarted started) startedCalls.add(started);
        }));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("201", "202", "203", "204", "205", "206", "207", "208", "209")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /**
     * Trunks are known by their provider's address and port: one left behind would claim a later test's
     * phone whose SIPp happens to get the same port. Every test starts without trunks.
     */
    @AfterEach
    void removeTrunks() {
        TrunkDirectory trunks = pbx.bean(TrunkDirectory.class);
        for (Trunk t : trunks.list()) trunks.delete(t.id());
        // and routes, so that a test that failed half-way leaves nothing to the next
        OutboundRoutes routes = pbx.bean(OutboundRoutes.class);
        for (OutboundRoute r : routes.list()) routes.delete(r.id());
    }

    static TrunkDraft trunk(String id, int port, boolean register) {
        return new TrunkDraft(
                id,
                "127.0.0.1",
                port,
                "udp",
                "acct-" + id,
                null,
                "pw-" + id,
                "provider.test",
                register,
                60,
                null,
                "caller",
                "+4930555000",
                false,
                null);
    }

    @Test
    void registersWithTheProviderRefreshesAndReportsAFailure() {
        Sipp provider = Sipp.scenario("trunk/register/provider");
        Trunk trunk = pbx.bean(TrunkDirectory.class).create(trunk("reg", provider.port(), false));
        TrunkRegistrations registrations = pbx.bean(TrunkRegistrations.class);
        assertThat(registrations.status("reg"))
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(TrunkRegistrationStatus.State.DISABLED));
        Sipp.Run run = provider.set("USER", "acct-reg")
                .set("PASSWORD", "pw-reg")
                .set("CONTACT_USER", trunk.contactUser())
                .set("PBX_PORT", pbx.sipPort())
                .start();

        pbx.bean(TrunkDirectory.class).update("reg", trunk("reg", provider.port(), true));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(registrations.status("reg"))
                        .hasValueSatisfying(
                                s -> assertThat(s.state()).isEqualTo(TrunkRegistrationStatus.State.REGISTERED)));
        assertThat(run.exitCode()).as(run::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registrations.status("reg").orElseThrow().state() == TrunkRegistrationStatus.State.FAILED);
        TrunkRegistrationStatus failed = registrations.status("reg").orElseThrow();
        assertThat(failed.reason()).contains("403");
        assertThat(failed.nextTry()).isNotNull();
        pbx.bean(TrunkDirectory.class).delete("reg");
    }

    @Test
    void anOutboundCallLeavesThroughTheRouteWithStripPrependCallerIdAndDigest() {
        Sipp provider = Sipp.scenario("trunk/outbound-call/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("out1", provider.port(), false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("local1", List.of("9|NXXXXXX"), "0049", List.of("out1"), null, "local"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("201", "local", "+4930555201");

        Sipp.Run callee = provider.set("NUMBER", "00495551234")
                .set("CALLER_ID", "\\+4930555201")
                .set("USER", "acct-out1")
                .set("PASSWORD", "pw-out1")
                .start();
        Sipp.Run caller = spiral("201", "95551234", "out-call-1");

        assertThat(caller.exitCode()).as(caller::log).isZero();
        assertThat(callee.exitCode()).as(callee::log).isZero();
        assertThat(trunkEvents)
                .filteredOn(e -> e.callId().equals("out-call-1"))
                .extracting(e -> e.trunk() + " " + e.externalNumber() + " " + e.status())
                .containsExactly("out1 00495551234 0", "out1 00495551234 200");
        pbx.bean(OutboundRoutes.class).delete("local1");
    }

    @Test
    void aPhoneDialsAnExternalNumberThroughTheProxyAndTheTrunk() {
        Sipp provider = Sipp.scenario("trunk/outbound-call/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("e2e", provider.port(), false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("e2e", List.of("8|0Z."), null, List.of("e2e"), null, "national"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("203", "national", "+4930555203");

        Sipp.Run callee = provider.set("NUMBER", "0301234567")
                .set("CALLER_ID", "\\+4930555203")
                .set("USER", "acct-e2e")
                .set("PASSWORD", "pw-e2e")
                .start();
        List<String> board = new CopyOnWriteArrayList<>();
        Sipp.Run phone;
        try (AutoCloseable watching = watchTrunkLine("e2e", board)) {
            phone = caller("proxy/uac-call", "203", "80301234567");
            assertThat(phone.exitCode()).as(phone::log).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> board.contains("idle"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(callee.exitCode()).as(callee::log).isZero();
        // issue 15: the trunk is a line of the operator panel, with the call it carries
        assertThat(board)
                .as("the trunk's line while the call goes out")
                .containsSubsequence("dialling 0301234567 out", "talking 0301234567 out", "idle");
        assertThat(trunkEvents)
                .filteredOn(e -> e.trunk().equals("e2e"))
                .extracting(e -> e.externalNumber() + " " + e.status())
                .containsExactly("0301234567 0", "0301234567 200");
        pbx.bean(OutboundRoutes.class).delete("e2e");
    }

    @Test
    void aPhoneWithoutThePermissionClassGets403AndTheProviderSeesNothing() {
        pbx.bean(TrunkDirectory.class).create(trunk("deny", 5997, false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("deny", List.of("7|00."), null, List.of("deny"), null, "international"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("202", "national", null);

        Sipp.Run phone = callerSipp("proxy/uac-rejected", "202", "70044207123")
                .set("STATUS", 403)
                .start();

        assertThat(phone.exitCode()).as(phone::log).isZero();
        assertThat(trunkEvents).noneMatch(e -> e.trunk().equals("deny"));
        // the refused attempt is still an outbound call in the call records, not an internal one
        assertThat(startedCalls)
                .filteredOn(e -> e.dialled().equals("70044207123"))
                .singleElement()
                .satisfies(e -> assertThat(e.direction()).isEqualTo(CallDirection.OUTBOUND));
        pbx.bean(OutboundRoutes.class).delete("deny");
    }

    @Test
    void aCallerWhoHangsUpWhileTheProviderRingsCancelsTheTrunkCall() {
        Sipp provider = Sipp.scenario("proxy/uas-ring-cancelled");
        pbx.bean(TrunkDirectory.class).create(trunk("cancel", provider.port(), false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("cancel", List.of("6|X."), null, List.of("cancel"), null, "local"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("201", "local", null);

        Sipp.Run callee = provider.set("CONTACT", "sip:provider@127.0.0.1:" + provider.port())
                .start();
        Sipp.Run phone = caller("proxy/uac-cancel", "201", "6123456");

        assertThat(phone.exitCode()).as(phone::log).isZero();
        assertThat(callee.exitCode()).as(callee::log).isZero();
        // the caller has its 487 from the gateway at once; the provider's comes a moment later
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(trunkEvents)
                        .filteredOn(e -> e.trunk().equals("cancel"))
                        .extracting(CallTrunkUsed::status)
                        .containsExactly(0, 487));
        pbx.bean(OutboundRoutes.class).delete("cancel");
    }

    @Test
    void aTrunkOverTcpCarriesTheCallAndItsBye() {
        Sipp provider = Sipp.scenario("trunk/outbound-call/provider").tcp();
        pbx.bean(TrunkDirectory.class)
                .create(new TrunkDraft(
                        "tcp",
                        "127.0.0.1",
                        provider.port(),
                        "tcp",
                        "acct-tcp",
                        null,
                        "pw-tcp",
                        "provider.test",
                        false,
                        60,
                        null,
                        "trunk",
                        "+4930555777",
                        false,
                        null));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("tcp", List.of("4|X."), null, List.of("tcp"), null, "local"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("205", "local", "+4930555205");

        // caller-ID policy "trunk": the provider sees the trunk's number, not the user's
        Sipp.Run callee = provider.set("NUMBER", "0301111")
                .set("CALLER_ID", "\\+4930555777")
                .set("USER", "acct-tcp")
                .set("PASSWORD", "pw-tcp")
                .start();
        Sipp.Run phone = caller("proxy/uac-call", "205", "40301111");

        assertThat(phone.exitCode()).as(phone::log).isZero();
        assertThat(callee.exitCode()).as(callee::log).isZero();
        pbx.bean(OutboundRoutes.class).delete("tcp");
    }

    @Test
    void failsOverToTheNextTrunkOn503() {
        Sipp broken = Sipp.scenario("trunk/failover/provider-503");
        Sipp working = Sipp.scenario("trunk/outbound-call/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("fo1", broken.port(), false));
        pbx.bean(TrunkDirectory.class).create(trunk("fo2", working.port(), false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft(
                        "intl", List.of("00."), null, List.of("fo1", "fo2"), "+4930555999", "international"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("202", "international", null);

        Sipp.Run first = broken.start();
        Sipp.Run second = working.set("NUMBER", "0044207123")
                .set("CALLER_ID", "\\+4930555999")
                .set("USER", "acct-fo2")
                .set("PASSWORD", "pw-fo2")
                .start();
        Sipp.Run caller = spiral("202", "0044207123", "out-call-2");

        assertThat(caller.exitCode()).as(caller::log).isZero();
        assertThat(first.exitCode()).as(first::log).isZero();
        assertThat(second.exitCode()).as(second::log).isZero();
        assertThat(trunkEvents)
                .filteredOn(e -> e.callId().equals("out-call-2"))
                .extracting(e -> e.trunk() + " " + e.status())
                .containsExactly("fo1 0", "fo1 503", "fo2 0", "fo2 200");
        pbx.bean(OutboundRoutes.class).delete("intl");
    }

    @Test
    void failsOverWhenAProviderIsSilentAndEndsItsLateAnswer() {
        Sipp silent = Sipp.scenario("trunk/failover/provider-late");
        Sipp working = Sipp.scenario("trunk/outbound-call/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("late1", silent.port(), false));
        pbx.bean(TrunkDirectory.class).create(trunk("late2", working.port(), false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft(
                        "late", List.of("5|X."), null, List.of("late1", "late2"), "+4930555998", "local"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("207", "local", null);

        Sipp.Run first = silent.start();
        Sipp.Run second = working.set("NUMBER", "0401234")
                .set("CALLER_ID", "\\+4930555998")
                .set("USER", "acct-late2")
                .set("PASSWORD", "pw-late2")
                .start();
        Sipp.Run phone = caller("proxy/uac-call", "207", "50401234");

        assertThat(phone.exitCode()).as(phone::log).isZero();
        assertThat(second.exitCode()).as(second::log).isZero();
        assertThat(first.exitCode())
                .as("the late answer is ACKed and ended with BYE: " + first.log())
                .isZero();
        assertThat(trunkEvents)
                .filteredOn(e -> e.trunk().startsWith("late"))
                .extracting(e -> e.trunk() + " " + e.status())
                .containsExactly("late1 0", "late1 408", "late2 0", "late2 200");
        pbx.bean(OutboundRoutes.class).delete("late");
    }

    @Test
    void permissionClassesRefuseWith403ButEmergencyNumbersAlwaysGoOut() {
        pbx.bean(TrunkDirectory.class).create(trunk("perm", 5999, false));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft("national", List.of("0Z."), "0049", List.of("perm"), null, "national"));
        pbx.bean(OutboundRoutes.class)
                .create(new OutboundRouteDraft(
                        "emergency", List.of("112", "911"), null, List.of("perm"), null, "international"));
        pbx.bean(OutboundRoutes.class).updateUserSettings("203", "internal", null);
        ExternalCalls router = pbx.bean(ExternalCalls.class);

        ExternalRoute refused =
                router.route(new ExternalCallRequest("c1", "203", "203", null, "030123456", true, null));
        ExternalRoute emergency = router.route(new ExternalCallRequest("c2", "203", "203", null, "112", true, null));
        ExternalRoute noRoute = router.route(new ExternalCallRequest("c3", "203", "203", null, "777", true, null));
        // 999 is an emergency number no pattern names: the first route carries it, exactly as dialled
        ExternalRoute unlisted = router.route(new ExternalCallRequest("c4", "203", "203", null, "999", true, null));
        // someone without settings of their own has the default class (national)
        ExternalRoute byDefault =
                router.route(new ExternalCallRequest("c5", "888", "888", null, "030123456", true, null));

        assertThat(refused).isInstanceOfSatisfying(ExternalRoute.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.reason()).contains("permission class national").contains("203 has internal");
        });
        assertThat(emergency)
                .isInstanceOfSatisfying(
                        ExternalRoute.Through.class,
                        t -> assertThat(t.requestUri().getUser()).isEqualTo("112"));
        assertThat(noRoute)
                .isInstanceOfSatisfying(
                        ExternalRoute.Refused.class, r -> assertThat(r.status()).isEqualTo(404));
        assertThat(unlisted)
                .isInstanceOfSatisfying(
                        ExternalRoute.Through.class,
                        t -> assertThat(t.requestUri().getUser()).isEqualTo("999"));
        assertThat(byDefault).isInstanceOf(ExternalRoute.Through.class);
        pbx.bean(OutboundRoutes.class).delete("national");
        pbx.bean(OutboundRoutes.class).delete("emergency");
    }

    @Test
    void anInboundCallToADidRingsTheExtensionItIsRoutedTo() {
        Sipp provider = Sipp.scenario("trunk/inbound-did/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("in1", provider.port(), false));
        pbx.bean(InboundRoutes.class).put("4930555100", "extension:201");
        Sipp.Run phone = phone("201");

        List<String> board = new CopyOnWriteArrayList<>();
        try (AutoCloseable watching = watchTrunkLine("in1", board)) {
            Sipp.Run call = provider.set("DID", "4930555100")
                    .set("PBX", "127.0.0.1:" + pbx.sipPort())
                    .calling("4930555100", pbx.sipPort())
                    .start();
            assertThat(call.exitCode()).as(call::log).isZero();
            assertThat(phone.exitCode()).as(phone::log).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> board.contains("idle"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(board)
                .as("the trunk's line while the call comes in")
                .anyMatch(l -> l.matches("ringing .+ in"))
                .anyMatch(l -> l.matches("talking .+ in"))
                .last()
                .isEqualTo("idle");
    }

    /**
     * Issue 18: a trunk's recording rule covers the calls placed out on it too. 208 dials out through trunk "recout"
     * (rule TRUNK/recout ALWAYS); the provider answers with real RTP; each side sends a tone, and the call's stereo
     * WAV holds the phone's 440 Hz on the left (the caller) and the provider's 880 Hz on the right.
     */
    @Test
    void aTrunksRecordingRuleRecordsTheCallsPlacedOutOnIt() throws Exception {
        CallRecordings recordings = pbx.bean(CallRecordings.class);
        try (TestRtpPeer far = new TestRtpPeer();
                RawProvider provider = new RawProvider(pbx.sipPort());
                MediaPhone phone = MediaPhone.of(pbx.sipPort(), "208")) {
            provider.offer(far.offer());
            pbx.bean(TrunkDirectory.class).create(trunk("recout", provider.port(), false));
            pbx.bean(OutboundRoutes.class)
                    .create(new OutboundRouteDraft(
                            "recout", List.of("8|0Z."), null, List.of("recout"), null, "national"));
            pbx.bean(OutboundRoutes.class).updateUserSettings("208", "national", "+4930555208");
            recordings.setRule("TRUNK", "recout", "ALWAYS");
            try {
                RawPhone.Leg leg = phone.sip().invite("80307654321");
                SipText out = provider.answerOutbound(Duration.ofSeconds(10));
                assertThat(out.startLine()).startsWith("INVITE sip:0307654321@");
                assertThat(provider.ack(out.header("Call-ID"), Duration.ofSeconds(5))
                                .header("Via"))
                        .as("the ACK's branch, with the magic cookie (RFC 3261 §8.1.1.7)")
                        .contains(";branch=z9hG4bK");
                SipText ok = phone.sip().answered(leg);
                phone.rtp().answeredBy(ok.body());
                far.answeredBy(out.body());
                talk(phone.rtp(), 440, far, 880);
                long bye = phone.sip().send(leg, "BYE");
                provider.answerBye(out.header("Call-ID"));
                assertThat(phone.sip().finalResponse(leg, "BYE", bye).status()).isEqualTo(200);

                RecordedCall recorded = recordingOf(recordings, "208");
                assertThat(recorded.callId()).isEqualTo(leg.callId);
                assertThat(recorded.callerExtension()).isEqualTo("208");
                assertThat(recorded.trunk()).isEqualTo("recout");
                short[][] channels = StereoWav.channels(
                        Files.readAllBytes(recordings.audio(recorded.id()).orElseThrow()));
                assertThat(Spectrum.toneSamples(channels[0], 440, 2000))
                        .as("the phone, caller, on the left")
                        .isGreaterThan(8000);
                assertThat(Spectrum.toneSamples(channels[1], 880, 2000))
                        .as("the provider on the right")
                        .isGreaterThan(8000);
                assertThat(Spectrum.toneSamples(channels[0], 880, 2000))
                        .as("not on the left")
                        .isLessThan(800);
            } finally {
                recordings.deleteRule("TRUNK", "recout");
                pbx.bean(OutboundRoutes.class).delete("recout");
            }
        }
    }

    /**
     * Issue 18: an inbound route's (DID's) recording rule records the calls that come in to it: the provider calls DID
     * 4930555288 (rule DID/4930555288 ALWAYS), routed to 209, which answers; each side sends a tone, and the stereo WAV
     * holds the outside caller's 880 Hz on the left and the phone's 440 Hz on the right. A call to another DID of the
     * same trunk, to the same phone, is not recorded.
     */
    @Test
    void aDidsRecordingRuleRecordsTheCallsThatComeInToIt() throws Exception {
        CallRecordings recordings = pbx.bean(CallRecordings.class);
        try (TestRtpPeer far = new TestRtpPeer();
                RawProvider provider = new RawProvider(pbx.sipPort());
                MediaPhone phone = MediaPhone.of(pbx.sipPort(), "209")) {
            provider.offer(far.offer());
            pbx.bean(TrunkDirectory.class).create(trunk("recin", provider.port(), false));
            pbx.bean(InboundRoutes.class).put("4930555288", "extension:209");
            pbx.bean(InboundRoutes.class).put("4930555289", "extension:209");
            recordings.setRule("DID", "4930555288", "ALWAYS");
            try {
                phone.sip().register();
                // first the other DID: not recorded
                provider.call("4930555289", pbx.sipPort());
                SipText plain = phone.sip().request("INVITE");
                RawPhone.Leg plainLeg = phone.sip().respond(plain, 200, "OK");
                assertThat(provider.finalResponse().status()).isEqualTo(200);
                long plainBye = phone.sip().send(plainLeg, "BYE");
                provider.answerBye();
                assertThat(phone.sip().finalResponse(plainLeg, "BYE", plainBye).status())
                        .isEqualTo(200);

                provider.call("4930555288", pbx.sipPort());
                SipText invite = phone.sip().request("INVITE");
                phone.rtp().answeredBy(invite.body());
                RawPhone.Leg leg = phone.sip().respond(invite, 200, "OK");
                SipText ok = provider.finalResponse();
                assertThat(ok.status()).isEqualTo(200);
                far.answeredBy(ok.body());
                talk(far, 880, phone.rtp(), 440);
                long bye = phone.sip().send(leg, "BYE");
                provider.answerBye();
                assertThat(phone.sip().finalResponse(leg, "BYE", bye).status()).isEqualTo(200);

                RecordedCall recorded = recordingOf(recordings, "209");
                assertThat(recorded.did()).isEqualTo("4930555288");
                assertThat(recorded.trunk()).isEqualTo("recin");
                assertThat(recorded.calleeExtensions()).containsExactly("209");
                short[][] channels = StereoWav.channels(
                        Files.readAllBytes(recordings.audio(recorded.id()).orElseThrow()));
                assertThat(Spectrum.toneSamples(channels[0], 880, 2000))
                        .as("the outside caller on the left")
                        .isGreaterThan(8000);
                assertThat(Spectrum.toneSamples(channels[1], 440, 2000))
                        .as("the phone, callee, on the right")
                        .isGreaterThan(8000);
                assertThat(recordings.list("209", 10))
                        .as("the call to the other DID is not recorded")
                        .hasSize(1);
            } finally {
                recordings.deleteRule("DID", "4930555288");
            }
        }
    }

    /** Two seconds of {@code aHz} from {@code a} and of {@code bHz} from {@code b} at once; each hears the other's tone. */
    private static void talk(TestRtpPeer a, int aHz, TestRtpPeer b, int bHz) throws Exception {
        a.clearReceived();
        b.clearReceived();
        var fromA = a.send(Tones.sine(aHz, Duration.ofSeconds(2), 8000));
        var fromB = b.send(Tones.sine(bHz, Duration.ofSeconds(2), 8000));
        fromA.get(5, TimeUnit.SECONDS);
        fromB.get(5, TimeUnit.SECONDS);
        b.awaitSamples(8000 * 2, 5000);
        a.awaitSamples(8000 * 2, 5000);
        assertThat(Spectrum.toneSamples(b.received(), aHz, 2000))
                .as("b hears a")
                .isGreaterThan(8000);
        assertThat(Spectrum.toneSamples(a.received(), bHz, 2000))
                .as("a hears b")
                .isGreaterThan(8000);
    }

    /** The only recording of a call of {@code extension}, once it is listed (after the call ended). */
    private static RecordedCall recordingOf(CallRecordings recordings, String extension) {
        List<RecordedCall> listed = await("the recording of " + extension + "'s call")
                .atMost(Duration.ofSeconds(10))
                .until(() -> recordings.list(extension, 10), l -> !l.isEmpty());
        assertThat(listed).hasSize(1);
        return listed.get(0);
    }

    /** What the operator panel's line of {@code trunk} shows at each change (issue 15): "state party in|out" or "idle". */
    private static AutoCloseable watchTrunkLine(String trunk, List<String> seen) {
        org.tandem.pbx.presence.LineStates lines = pbx.bean(org.tandem.pbx.presence.LineStates.class);
        return lines.onChange(number -> {
            if (!number.equals(trunk)) return;
            lines.lines().stream()
                    .filter(l -> l.number().equals(trunk) && l.kind() == org.tandem.pbx.presence.LineStates.Kind.TRUNK)
                    .findFirst()
                    .ifPresent(l -> seen.add(
                            l.calls().isEmpty()
                                    ? l.summary()
                                    : l.calls().get(0).state() + " "
                                            + l.calls().get(0).party()
                                            + (l.calls().get(0).incoming() ? " in" : " out")));
        });
    }

    @Test
    void anInboundCallToAnUnknownDidGoesToTheDefaultDestination() {
        Sipp provider = Sipp.scenario("trunk/inbound-did/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("in2", provider.port(), false));
        pbx.bean(InboundRoutes.class).setDefaultDestination("extension:202");
        try {
            Sipp.Run phone = phone("202");

            Sipp.Run call = provider.set("DID", "4930555177")
                    .set("PBX", "127.0.0.1:" + pbx.sipPort())
                    .calling("4930555177", pbx.sipPort())
                    .start();

            // the phone's side too: a provider left with only a 100 Trying (CI, once) shows whether the INVITE
            // reached the phone and what the phone made of it
            assertThat(call.exitCode()).as(() -> call.log() + phone.log()).isZero();
            assertThat(phone.exitCode()).as(phone::log).isZero();
        } finally {
            // the other tests' unknown DIDs are declined, also after this one failed
            pbx.bean(InboundRoutes.class).setDefaultDestination("hangup");
        }
    }

    @Test
    void thePhoneThatAnsweredATrunkCallTransfersItBlindToAnotherExtension() {
        Sipp provider = Sipp.scenario("trunk/transfer/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("xfer", provider.port(), false));
        pbx.bean(InboundRoutes.class).put("4930555400", "extension:204");
        Sipp transferor = Sipp.scenario("trunk/transfer/transferor");
        String contact = "sip:204@127.0.0.1:" + transferor.port();
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(transferor.port())
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .calling("204", pbx.sipPort())
                .auth("204", "secret204")
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        Sipp.Run first = transferor
                .set("CONTACT", contact)
                .set("TARGET", "205@" + DOMAIN)
                .set("REPLACES", "")
                .start();
        Sipp.Run target = phone("205");

        Sipp.Run call = provider.set("DID", "4930555400")
                .set("PBX", "127.0.0.1:" + pbx.sipPort())
                .calling("4930555400", pbx.sipPort())
                .start();

        assertThat(call.exitCode()).as(call::log).isZero();
        assertThat(first.exitCode()).as(first::log).isZero();
        assertThat(target.exitCode()).as(target::log).isZero();
    }

    @Test
    void anAttendedTransferAsksTheTargetToReplaceItsCallWithTheTransferringPhone() {
        Sipp provider = Sipp.scenario("trunk/transfer/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("att", provider.port(), false));
        pbx.bean(InboundRoutes.class).put("4930555600", "extension:206");
        Sipp transferor = Sipp.scenario("trunk/transfer/transferor");
        String contact = "sip:206@127.0.0.1:" + transferor.port();
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(transferor.port())
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .calling("206", pbx.sipPort())
                .auth("206", "secret206")
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        // RFC 5589 §7: the consultation call 206 → 207 is the dialog named in Replaces
        Sipp.Run first = transferor
                .set("CONTACT", contact)
                .set("TARGET", "207@" + DOMAIN)
                .set("REPLACES", "?Replaces=consult-1%40127.0.0.1%3Bto-tag%3Db1%3Bfrom-tag%3Da1")
                .start();
        Sipp.Run target = phone("207", "trunk/transfer/attended-target");

        Sipp.Run call = provider.set("DID", "4930555600")
                .set("PBX", "127.0.0.1:" + pbx.sipPort())
                .calling("4930555600", pbx.sipPort())
                .start();

        assertThat(call.exitCode()).as(call::log).isZero();
        assertThat(first.exitCode()).as(first::log).isZero();
        assertThat(target.exitCode()).as(target::log).isZero();
    }

    @Test
    void anotherPhonePicksUpARingingTrunkCall() {
        Sipp provider = Sipp.scenario("trunk/pickup/provider");
        pbx.bean(TrunkDirectory.class).create(trunk("pick", provider.port(), false));
        pbx.bean(InboundRoutes.class).put("4930555500", "extension:203");
        Sipp ringing = Sipp.scenario("proxy/uas-ring-cancelled");
        String contact = "sip:203@127.0.0.1:" + ringing.port();
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(ringing.port())
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .calling("203", pbx.sipPort())
                .auth("203", "secret203")
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        Sipp.Run rings = ringing.set("CONTACT", contact).start();

        Sipp.Run call = provider.set("DID", "4930555500")
                .set("PBX", "127.0.0.1:" + pbx.sipPort())
                .calling("4930555500", pbx.sipPort())
                .start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> dialogEvents.stream()
                        .anyMatch(e -> e.extension().equals("203") && e.state() == DialogStateChanged.State.EARLY));
        Sipp.Run picker = caller("proxy/uac-call", "202", "**203");

        assertThat(picker.exitCode()).as(picker::log).isZero();
        assertThat(call.exitCode()).as(call::log).isZero();
        assertThat(rings.exitCode()).as(rings::log).isZero();
    }

    @Test
    void callsThatPassForATrunkOrForTheProxyAreRefused() {
        Trunk t = pbx.bean(TrunkDirectory.class).create(trunk("spoofed", 5998, false));

        Sipp.Run toContact = Sipp.scenario("proxy/uac-unauthenticated")
                .set("REQUEST_URI", "sip:" + t.contactUser() + "@127.0.0.1:" + pbx.sipPort())
                .set("FROM", "<sip:+4930111@provider.test>")
                .set("TO", "<sip:4930555100@provider.test>")
                .set("HEADER", "Subject: not really the provider")
                .set("STATUS", 403)
                .calling(t.contactUser(), pbx.sipPort())
                .start();
        Sipp.Run forgedOrder = Sipp.scenario("proxy/uac-unauthenticated")
                .set("REQUEST_URI", "sip:0044207123@127.0.0.1:" + pbx.sipPort())
                .set("FROM", "<sip:101@" + DOMAIN + ">")
                .set("TO", "<sip:0044207123@" + DOMAIN + ">")
                .set("HEADER", "X-Tandem-Trunk-Call: trunks=spoofed;number=0044207123;sig=AAAAAAAAAAAAAAAAAAAAAA")
                .set("STATUS", 403)
                .calling("0044207123", pbx.sipPort())
                .start();

        assertThat(toContact.exitCode()).as(toContact::log).isZero();
        assertThat(forgedOrder.exitCode()).as(forgedOrder::log).isZero();
    }

    /**
     * An INVITE that passes for a provider's is refused. Over UDP its source may be spoofed (one packet, no round
     * trip), so it does not count towards a ban there (issue 22 finding 5: else ten spoofed packets ban the
     * office); over TCP the handshake proves the source, and three get it banned.
     */
    @Test
    void anAddressThatKeepsPassingForAProviderIsBannedOnlyWhereItCannotBeSpoofed() {
        pbx.bean(TrunkDirectory.class).create(trunk("victim", 5996, false));
        BanRegistry bans = pbx.bean(BanRegistry.class);

        for (boolean tcp : new boolean[] {false, true}) {
            for (int i = 0; i < 3; i++) {
                Sipp sipp = Sipp.scenario("proxy/uac-unauthenticated")
                        .from("127.0.0.2")
                        .set("REQUEST_URI", "sip:4930555100@127.0.0.1:" + pbx.sipPort())
                        .set("FROM", "<sip:+4930111@provider.test>")
                        .set("TO", "<sip:4930555100@provider.test>")
                        .set("HEADER", "Subject: toll fraud " + i)
                        .set("STATUS", 403);
                if (tcp) sipp.tcp();
                Sipp.Run spoof = sipp.calling("4930555100", pbx.sipPort()).start();
                assertThat(spoof.exitCode()).as(spoof::log).isZero();
            }
            assertThat(bans.isBanned("127.0.0.2"))
                    .as(tcp ? "over TCP" : "over UDP")
                    .isEqualTo(tcp);
        }
        bans.unban("127.0.0.2");
    }

    /** Issue 22 finding 5: whatever fails from a trunk provider's address, it is never banned (all calls would stop). */
    @Test
    void aTrunkProvidersAddressIsNeverBanned() {
        TrunkDirectory trunks = pbx.bean(TrunkDirectory.class);
        trunks.create(new TrunkDraft(
                "never-banned",
                "127.0.0.3",
                5997,
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
        BanRegistry bans = pbx.bean(BanRegistry.class);
        for (int i = 0; i < 10; i++) bans.recordFailure("127.0.0.3", "SIP digest REGISTER as '201'");
        assertThat(bans.isBanned("127.0.0.3")).isFalse();
        assertThat(bans.current()).noneMatch(b -> b.address().equals("127.0.0.3"));
        trunks.delete("never-banned");
    }

    /** SIPp as the proxy: the INVITE the proxy would fork to the gateway for {@code dialled}. */
    private static Sipp.Run spiral(String caller, String dialled, String callId) {
        ExternalRoute route = pbx.bean(ExternalCalls.class)
                .route(new ExternalCallRequest(callId, caller, caller, "Alice", dialled, true, null));
        assertThat(route).isInstanceOf(ExternalRoute.Through.class);
        ExternalRoute.Through through = (ExternalRoute.Through) route;
        return Sipp.scenario("trunk/outbound-call/proxy")
                .set("RURI", through.requestUri().toString())
                .arg("-cid_str", callId)
                .set("DIALLED", dialled)
                .set("ORDER", through.headers().get(0).toString().strip())
                .calling(dialled, pbx.sipPort())
                .start();
    }

    /** A phone of {@code extension} dialling {@code number} (digest with its secret); not started yet for uac-rejected. */
    private static Sipp.Run caller(String scenario, String extension, String number) {
        return callerSipp(scenario, extension, number).start();
    }

    private static Sipp callerSipp(String scenario, String extension, String number) {
        Sipp uac = Sipp.scenario(scenario);
        return uac.set("DOMAIN", DOMAIN)
                .set("CALLER", extension)
                .set("CONTACT", "sip:" + extension + "@127.0.0.1:" + uac.port() + ";transport=UDP")
                .calling(number, pbx.sipPort())
                .auth(extension, "secret" + extension);
    }

    /** A phone registered for {@code extension} that answers one call. */
    private static Sipp.Run phone(String extension) {
        return phone(extension, "trunk/inbound-did/phone");
    }

    private static Sipp.Run phone(String extension, String scenario) {
        return TrunkTestSupport.registeredPhone(pbx, extension, scenario);
    }
}
