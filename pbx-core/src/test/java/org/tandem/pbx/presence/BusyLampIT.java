package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.conference.ConferenceCalls;
import org.tandem.pbx.conference.ConferenceRoomDraft;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettingsDraft;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.SippRunner;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * Busy lamps: SIPp is the phone with the BLF key (scenarios in {@code sipp/presence/<name>/}); the calls it watches
 * are placed by raw SIP phones (and media phones for park). Each NOTIFY body SIPp received is read back from its
 * message trace and validated against RFC 4235's schema; the test checks the lamp's state sequence and that a
 * ringing lamp names the early dialog a phone replaces to pick the call up. Verdicts: SIPp's exit code, the trace,
 * the phones' messages.
 */
class BusyLampIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    /** One NOTIFY as the watching phone got it. */
    record Notice(
            long cseq, String subscriptionState, int version, String docState, List<String> states, String body) {}

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        // SIPp 3.6 answers only MD5 challenges; a keepalive OPTIONS would be taken by SIPp as a new call
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.sip.keepalive-interval", "1h"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        VoicemailBoxes boxes = pbx.bean(VoicemailBoxes.class);
        for (int n = 451; n <= 475; n++) {
            String ext = Integer.toString(n);
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
            boxes.update(ext, new VoicemailBoxDraft(false, null, null, null, null, null));
        }
        routing()
                .createRingGroup(new RingGroupDraft(
                        "650",
                        "Front desk",
                        "SIMULTANEOUS",
                        20,
                        List.of(
                                new RingGroupDraft.MemberDraft("extension:455", null),
                                new RingGroupDraft.MemberDraft("extension:456", null)),
                        null,
                        null));
        routing()
                .updateCallSettings(
                        "458", new CallSettingsDraft(false, "extension:459", null, null, null, null, null, null, null));
        pbx.bean(CallPark.class).update(new ParkSettingsDraft("701", "703", 60, false, null));
        pbx.bean(ConferenceRooms.class)
                .create(new ConferenceRoomDraft("856", "Lamp room", null, null, null, null, false));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static RoutingDirectory routing() {
        return pbx.bean(RoutingDirectory.class);
    }

    private static DialogWatchers watchers() {
        return pbx.bean(DialogWatchers.class);
    }

    /** {@code watcher}'s phone subscribes to {@code resource}'s lamp; returns once the first NOTIFY was answered. */
    private static CompletableFuture<SippRunner.Result> watch(
            String scenario, String watcher, String resource, Path work) {
        return watch(scenario, watcher, resource, work, "u1");
    }

    /** As above, over {@code transport} ({@code u1} UDP, {@code t1} TCP: the NOTIFYs come back on its connection). */
    private static CompletableFuture<SippRunner.Result> watch(
            String scenario, String watcher, String resource, Path work, String transport, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "-s",
                resource,
                "-au",
                watcher,
                "-ap",
                "secret" + watcher,
                "-key",
                "domain",
                DOMAIN,
                "-key",
                "watcher",
                watcher,
                "-trace_msg",
                "-mp",
                Integer.toString(FreePorts.mediaBlock())));
        args.addAll(List.of(extra));
        CompletableFuture<SippRunner.Result> phone = CompletableFuture.supplyAsync(() ->
                SippRunner.run("/sipp/presence/" + scenario + "/scenario.xml", pbx.sipPort(), transport, args, work));
        await().atMost(Duration.ofSeconds(20)).until(() -> watchers().watchers(resource) == 1 || phone.isDone());
        assertThat(phone)
                .as("the watching phone gave up before its first NOTIFY")
                .isNotDone();
        return phone;
    }

    /** A watcher of {@code resource} that expects exactly {@code changes} partial NOTIFYs, then unsubscribes. */
    private static CompletableFuture<SippRunner.Result> watchChanges(String resource, int changes, Path work)
            throws IOException {
        Files.createDirectories(work);
        return watch("lamp-changes", "451", resource, work, "u1", "-set", "changes", Integer.toString(changes));
    }

    private static List<Notice> finished(CompletableFuture<SippRunner.Result> phone, Path work) throws Exception {
        SippRunner.Result r = phone.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode())
                .as("%s\nthe lamp's changes so far: %s", r.output(), changes(notices(work)))
                .isZero();
        List<Notice> notices = notices(work);
        for (Notice n : notices) DialogInfoSchema.validate(n.body());
        assertThat(notices)
                .extracting(Notice::version)
                .as("RFC 4235 §4.1.1: 0, then one more per NOTIFY")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, notices.size())
                        .boxed()
                        .toList());
        return notices;
    }

    /** The dialog states of the partial NOTIFYs, in order (each carries the one dialog that changed). */
    private static List<String> changes(List<Notice> notices) {
        return notices.stream()
                .filter(n -> n.docState().equals("partial"))
                .flatMap(n -> n.states().stream())
                .toList();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"u1", "t1"})
    void anExtensionsLampRingsTurnsBusyAndGoesOutAndTheWatcherRefreshesAndUnsubscribes(
            String transport, @TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-call", "451", "452", work, transport);
        try (RawPhone callee = new RawPhone(pbx.sipPort(), DOMAIN, "452", "secret452");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "453", "secret453")) {
            callee.register();
            RawPhone.Leg call = caller.invite("452");
            SipText invite = callee.request("INVITE");
            callee.respond(invite, 180, "Ringing");
            String ringingTag = RawPhone.tagOf(caller.response(call, 180).header("To"));
            // A person answers and hangs up seconds later; here each step waits until the watching phone has answered
            // the NOTIFY of the one before. SIPp, unlike a phone, aborts when a second NOTIFY reaches it over TCP
            // before
            // it has sent its 200 to the first (both in one read); the lamp's order is what this test is about.
            awaitNotifiesAnswered(work, 2); // the initial state, then "early"
            callee.respond(invite, 200, "OK");
            caller.answered(call);
            callee.request("ACK");
            awaitNotifiesAnswered(work, 3); // "confirmed"
            long bye = caller.send(call, "BYE");
            callee.respond(callee.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(call, "BYE", bye).status()).isEqualTo(200);

            List<Notice> notices = finished(lamp, work);
            assertThat(changes(notices)).containsExactly("early", "confirmed", "terminated");
            Notice ringing = notices.get(1);
            // what a Yealink or Polycom builds its pickup INVITE's Replaces from (RFC 4235 §4.1.2, RFC 3891)
            assertThat(ringing.body())
                    .contains("call-id=\"" + call.callId + "\"")
                    .contains("local-tag=\"" + ringingTag + "\"")
                    .contains("remote-tag=\"" + call.localTag + "\"")
                    .contains("direction=\"recipient\"")
                    .contains("<identity>sip:453@" + DOMAIN + "</identity>")
                    .contains("entity=\"sip:452@" + DOMAIN + "\"");
            assertThat(notices.get(4).docState())
                    .as("a refresh resends the full state")
                    .isEqualTo("full");
            assertThat(notices.get(4).states()).as("the call is over").isEmpty();
            assertThat(notices.get(5).subscriptionState()).startsWith("terminated");
        }
        assertThat(watchers().watchers("452")).isZero();
    }

    @Test
    void aRingGroupsLampShowsItsCallsWhicheverMemberAnswers(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-call", "451", "650", work);
        try (RawPhone first = new RawPhone(pbx.sipPort(), DOMAIN, "455", "secret455");
                RawPhone second = new RawPhone(pbx.sipPort(), DOMAIN, "456", "secret456");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "457", "secret457")) {
            first.register();
            second.register();
            RawPhone.Leg call = caller.invite("650");
            SipText toFirst = first.request("INVITE");
            SipText toSecond = second.request("INVITE");
            first.respond(toFirst, 180, "Ringing");
            second.respond(toSecond, 180, "Ringing");
            caller.response(call, 180);
            // the second member answers; the first is cancelled
            talkAndHangUp(caller, second, call, toSecond);
            SipText cancel = first.request("CANCEL");
            first.respond(cancel, 200, "OK");
            first.respond(toFirst, 487, "Request Terminated");

            assertThat(changes(finished(lamp, work))).containsExactly("early", "confirmed", "terminated");
        }
    }

    @Test
    void aForwardedCallLightsTheLampOfThePhoneItRingsAt(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-call", "451", "459", work);
        try (RawPhone target = new RawPhone(pbx.sipPort(), DOMAIN, "459", "secret459");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "460", "secret460")) {
            target.register();
            RawPhone.Leg call = caller.invite("458"); // 458 forwards everything to 459
            SipText invite = target.request("INVITE");
            target.respond(invite, 180, "Ringing");
            caller.response(call, 180);
            talkAndHangUp(caller, target, call, invite);

            assertThat(changes(finished(lamp, work))).containsExactly("early", "confirmed", "terminated");
        }
    }

    @Test
    void pressingARingingLampPicksTheCallUpWithReplacesBuiltFromTheLamp(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-two-changes", "451", "462", work);
        try (RawPhone ringing = new RawPhone(pbx.sipPort(), DOMAIN, "462", "secret462");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "461", "secret461");
                RawPhone picker = new RawPhone(pbx.sipPort(), DOMAIN, "451", "secret451")) {
            ringing.register();
            RawPhone.Leg original = caller.invite("462");
            SipText invite = ringing.request("INVITE");
            ringing.respond(invite, 180, "Ringing");
            String ringingTag = RawPhone.tagOf(caller.response(original, 180).header("To"));

            // the watcher's key: an INVITE to the lamp's remote target, Replaces from call-id, local-tag, remote-tag
            RawPhone.Leg picked = picker.invite(
                    "461", "Replaces: " + original.callId + ";to-tag=" + ringingTag + ";from-tag=" + original.localTag);
            SipText replacing = caller.request("INVITE");
            assertThat(replacing.header("Replaces"))
                    .as("the caller is asked to replace its ringing early dialog")
                    .isEqualTo(original.callId + ";to-tag=" + ringingTag + ";from-tag=" + original.localTag
                            + ";early-only");
            RawPhone.Leg callerSide = caller.respond(replacing, 200, "OK");
            picker.answered(picked);
            caller.request("ACK");
            // RFC 3891 §3: the caller ends the replaced early dialog
            caller.cancel(original);
            ringing.respond(ringing.request("CANCEL"), 200, "OK");
            ringing.respond(invite, 487, "Request Terminated");
            caller.ackFailure(original, caller.response(original, 487));
            long bye = caller.send(callerSide, "BYE");
            picker.respond(picker.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(callerSide, "BYE", bye).status()).isEqualTo(200);

            List<Notice> notices = finished(lamp, work);
            assertThat(changes(notices)).containsExactly("early", "terminated");
            assertThat(notices.get(2).body()).contains("event=\"cancelled\"");
        }
    }

    @Test
    void snomPicksUpWithTheCallIdAloneSentToTheWatchedExtension(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-two-changes", "451", "467", work);
        try (RawPhone ringing = new RawPhone(pbx.sipPort(), DOMAIN, "467", "secret467");
                RawPhone caller = new RawPhone(pbx.sipPort(), DOMAIN, "466", "secret466");
                RawPhone picker = new RawPhone(pbx.sipPort(), DOMAIN, "451", "secret451")) {
            ringing.register();
            RawPhone.Leg original = caller.invite("467");
            SipText invite = ringing.request("INVITE");
            ringing.respond(invite, 180, "Ringing");
            String ringingTag = RawPhone.tagOf(caller.response(original, 180).header("To"));

            RawPhone.Leg picked = picker.invite("467", "Replaces: " + original.callId);
            SipText replacing = caller.request("INVITE");
            assertThat(replacing.header("Replaces"))
                    .isEqualTo(original.callId + ";to-tag=" + ringingTag + ";from-tag=" + original.localTag
                            + ";early-only");
            RawPhone.Leg callerSide = caller.respond(replacing, 200, "OK");
            picker.answered(picked);
            caller.request("ACK");
            caller.cancel(original);
            ringing.respond(ringing.request("CANCEL"), 200, "OK");
            ringing.respond(invite, 487, "Request Terminated");
            caller.ackFailure(original, caller.response(original, 487));
            long bye = caller.send(callerSide, "BYE");
            picker.respond(picker.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(callerSide, "BYE", bye).status()).isEqualTo(200);

            assertThat(changes(finished(lamp, work))).containsExactly("early", "terminated");
        }
    }

    @Test
    void aParkOrbitsLampIsBusyWhileACallWaitsThere(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watch("lamp-two-changes", "451", "701", work);
        try (MediaPhone parked = MediaPhone.of(pbx.sipPort(), "463");
                MediaPhone retriever = MediaPhone.of(pbx.sipPort(), "464")) {
            RawPhone.Leg waiting =
                    parked.dial("*70", "Referred-By: <sip:465@" + DOMAIN + ">").leg();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> pbx.bean(CallPark.class).parked().size() == 1);
            RawPhone.Leg talking = retriever.dial("701").leg(); // the lamp's key dials the orbit
            assertThat(retriever.sip().inDialog(talking, "BYE").status()).isEqualTo(200);
            parked.sip().respond(parked.sip().request("BYE"), 200, "OK");

            List<Notice> notices = finished(lamp, work);
            assertThat(changes(notices)).containsExactly("confirmed", "terminated");
            assertThat(notices.get(1).body())
                    .contains("<identity>sip:463@" + DOMAIN + "</identity>")
                    .contains("entity=\"sip:701@" + DOMAIN + "\"");
            assertThat(waiting.callId).isNotBlank();
        }
    }

    /**
     * An attended transfer through the proxy (RFC 3515 REFER with Replaces, RFC 3891): A (471) talks to B (472),
     * consults C (473), and refers B to C replacing the consultation. C's lamp shows the consultation ringing and
     * answered, the transferred call from B answered at once (a Replaces INVITE does not ring), then both ending; B's
     * lamp stays lit from A's call to C's: its own call to C starts (trying, confirmed) before A hangs up on it.
     */
    @Test
    void anAttendedTransferKeepsTheLampsOfTheTransfereeAndTheTargetLit(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> targetLamp = watchChanges("473", 5, work.resolve("target"));
        CompletableFuture<SippRunner.Result> transfereeLamp = watchChanges("472", 6, work.resolve("transferee"));
        try (RawPhone a = new RawPhone(pbx.sipPort(), DOMAIN, "471", "secret471");
                RawPhone b = new RawPhone(pbx.sipPort(), DOMAIN, "472", "secret472");
                RawPhone c = new RawPhone(pbx.sipPort(), DOMAIN, "473", "secret473")) {
            b.register();
            c.register();
            RawPhone.Leg ab = a.invite("472");
            SipText toB = b.request("INVITE");
            b.respond(toB, 180, "Ringing");
            a.response(ab, 180);
            RawPhone.Leg ba = b.respond(toB, 200, "OK");
            a.answered(ab);
            b.request("ACK");

            RawPhone.Leg ac = a.invite("473"); // the consultation call
            SipText toC = c.request("INVITE");
            c.respond(toC, 180, "Ringing");
            a.response(ac, 180);
            RawPhone.Leg ca = c.respond(toC, 200, "OK");
            a.answered(ac);
            c.request("ACK");

            String replaces = ac.callId + ";to-tag=" + ca.localTag + ";from-tag=" + ac.localTag;
            long refer = a.send(
                    ab,
                    "REFER",
                    "Refer-To: <sip:473@" + DOMAIN + "?Replaces="
                            + replaces.replace(";", "%3B").replace("=", "%3D") + ">");
            b.respond(b.request("REFER"), 202, "Accepted");
            assertThat(a.finalResponse(ab, "REFER", refer).status()).isEqualTo(202);
            RawPhone.Leg bc = b.invite("473", "Replaces: " + replaces, "Referred-By: <sip:471@" + DOMAIN + ">");
            SipText replacing = c.request("INVITE");
            assertThat(replacing.header("Replaces")).isEqualTo(replaces);
            RawPhone.Leg cb = c.respond(replacing, 200, "OK");
            b.answered(bc);
            c.request("ACK");
            // C ends the replaced consultation, A its call with B; later B and C hang up
            long cBye = c.send(ca, "BYE");
            a.respond(a.request("BYE"), 200, "OK");
            assertThat(c.finalResponse(ca, "BYE", cBye).status()).isEqualTo(200);
            long aBye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", aBye).status()).isEqualTo(200);
            long bBye = b.send(bc, "BYE");
            c.respond(c.request("BYE"), 200, "OK");
            assertThat(b.finalResponse(bc, "BYE", bBye).status()).isEqualTo(200);

            List<Notice> target = finished(targetLamp, work.resolve("target"));
            assertThat(changes(target)).containsExactly("early", "confirmed", "confirmed", "terminated", "terminated");
            assertThat(target.get(3).body())
                    .as("the transferred call: B on C's line")
                    .contains("call-id=\"" + bc.callId + "\"")
                    .contains("<identity>sip:472@" + DOMAIN + "</identity>");
            assertThat(target.get(4).body())
                    .as("the consultation ends first (notice 0 is the full state)")
                    .contains("call-id=\"" + ac.callId + "\"");
            assertThat(cb.callId).isEqualTo(bc.callId);

            List<Notice> transferee = finished(transfereeLamp, work.resolve("transferee"));
            assertThat(changes(transferee))
                    .containsExactly("early", "confirmed", "trying", "confirmed", "terminated", "terminated");
            assertThat(transferee.get(4).body()).contains("call-id=\"" + bc.callId + "\"");
            assertThat(transferee.get(5).body())
                    .as("A's call ends while B already talks to C")
                    .contains("call-id=\"" + ab.callId + "\"");
        }
    }

    /**
     * A phone dialling a conference room: its lamp follows the call the conference answers (the room's call events,
     * not a phone's answer): trying, confirmed while it is in the room, terminated when it leaves.
     */
    @Test
    void aPhoneInAConferenceRoomLightsItsLampUntilItLeaves(@TempDir Path work) throws Exception {
        CompletableFuture<SippRunner.Result> lamp = watchChanges("474", 3, work);
        try (MediaPhone member = MediaPhone.of(pbx.sipPort(), "474")) {
            RawPhone.Leg call = member.dial("856").leg();
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            pbx.bean(ConferenceCalls.class).participants("856").size() == 1);
            assertThat(member.sip().inDialog(call, "BYE").status()).isEqualTo(200);

            List<Notice> notices = finished(lamp, work);
            assertThat(changes(notices)).containsExactly("trying", "confirmed", "terminated");
            assertThat(notices.get(2).body())
                    .contains("call-id=\"" + call.callId + "\"")
                    .contains("direction=\"initiator\"");
        }
    }

    /** The callee answers {@code invite}, the caller ACKs, talks, hangs up. */
    private static void talkAndHangUp(RawPhone caller, RawPhone callee, RawPhone.Leg call, SipText invite) {
        callee.respond(invite, 200, "OK");
        caller.answered(call);
        callee.request("ACK");
        long bye = caller.send(call, "BYE");
        callee.respond(callee.request("BYE"), 200, "OK");
        assertThat(caller.finalResponse(call, "BYE", bye).status()).isEqualTo(200);
    }

    private static final Pattern MESSAGE =
            Pattern.compile("message received \\[\\d+\\] bytes :\\s*\\n(NOTIFY .*?)(?=\\n-{20,}|\\z)", Pattern.DOTALL);

    private static final Pattern ANSWERED_NOTIFY = Pattern.compile(
            "message sent \\(\\d+ bytes\\):\\s*\\n(SIP/2\\.0 200 .*?)(?=\\n-{20,}|\\z)", Pattern.DOTALL);
    private static final Pattern NOTIFY_CSEQ = Pattern.compile("(?im)^CSeq:\\s*(\\d+)\\s+NOTIFY\\s*$");

    /** Waits until SIPp's message trace shows its 200 to {@code count} different NOTIFYs of the subscription. */
    private static void awaitNotifiesAnswered(Path work, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Set<Long> answered = new HashSet<>();
            for (String trace : traces(work)) {
                Matcher m = ANSWERED_NOTIFY.matcher(trace);
                while (m.find()) {
                    Matcher cseq = NOTIFY_CSEQ.matcher(m.group(1).replace("\r\n", "\n"));
                    if (cseq.find()) answered.add(Long.parseLong(cseq.group(1)));
                }
            }
            return answered.size() >= count;
        });
    }

    /** The text of SIPp's message traces in {@code work} (-trace_msg). */
    private static List<String> traces(Path work) {
        try (Stream<Path> files = Files.list(work)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_messages.log"))
                    .toList()) {
                out.add(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The NOTIFYs in SIPp's message trace, once each (a retransmission has the CSeq of one already seen). */
    static List<Notice> notices(Path work) {
        Map<Long, Notice> byCseq = new LinkedHashMap<>();
        for (String trace : traces(work)) {
            Matcher m = MESSAGE.matcher(trace);
            while (m.find()) {
                Notice n = notice(m.group(1).replace("\r\n", "\n"));
                byCseq.putIfAbsent(n.cseq(), n);
            }
        }
        return new ArrayList<>(byCseq.values());
    }

    private static Notice notice(String message) {
        int blank = message.indexOf("\n\n");
        String head = message.substring(0, blank);
        String body = message.substring(blank + 2).strip();
        Matcher version =
                Pattern.compile("version=\"(\\d+)\" state=\"(full|partial)\"").matcher(body);
        assertThat(version.find()).as("a dialog-info document:\n" + message).isTrue();
        List<String> states = new ArrayList<>();
        Matcher state = Pattern.compile("<state[^>]*>([^<]*)</state>").matcher(body);
        while (state.find()) states.add(state.group(1));
        return new Notice(
                Long.parseLong(header(head, "CSeq").split(" ")[0]),
                header(head, "Subscription-State"),
                Integer.parseInt(version.group(1)),
                version.group(2),
                states,
                body);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name))
                return line.substring(colon + 1).strip();
        }
        throw new AssertionError("No " + name + " in\n" + head);
    }
}
