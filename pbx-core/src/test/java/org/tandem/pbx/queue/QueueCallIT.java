package org.tandem.pbx.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Call queues with real phones and real audio: callers wait in order on music, hear "all of our agents are busy" and
 * their position; the first in line rings the agent (the queue's INVITE with an offer of its own) and, answered, the
 * caller and the agent hear each other's tones through the queue's two-party bridge; the agent's BYE ends the
 * caller's call and the next caller rings. An agent in wrap-up is not rung (RINGALL rings only the other); a caller
 * who hangs up while waiting is counted abandoned; the call records carry the queue, the wait and the agent. An agent
 * paused by *47 is not rung until *48; a caller waiting while the only agent wraps up hears the estimated wait (from
 * the last call's handling time); the leave key, said with the position, takes a waiting caller to voicemail (the
 * greeting's beep is heard) and is counted as its own outcome. A queue whose recording rule says ALWAYS (issue 18)
 * records its answered calls (the bridge's mix) and announces it to both.
 */
class QueueCallIT {

    @TempDir
    static Path data;
    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("601", "602", "603", "604", "605", "606", "607", "608", "609", "801", "811",
                "812", "821", "831", "611", "612", "613", "614", "615", "616", "841", "842", "843", "844", "845", "846", "847",
                "851", "852", "853", "854", "855", "617", "861", "862")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static MediaPhone phone(String ext) throws Exception {
        return MediaPhone.of(pbx.sipPort(), ext);
    }

    private static CallQueues queues() {
        return pbx.bean(CallQueues.class);
    }

    private static QueueCalls live() {
        return pbx.bean(QueueCalls.class);
    }

    private static List<String> waiting(String queue) {
        return live().status(queue).orElseThrow().waiting().stream().map(QueueStatus.WaitingCaller::callerNumber).toList();
    }

    /** The agent's phone is rung by the queue: it answers 200 with its own SDP and points its RTP at the queue's. */
    private static RawPhone.Leg answer(MediaPhone agent, SipText invite) {
        agent.rtp().answeredBy(invite.body());
        return agent.sip().respond(invite, 200, "OK");
    }

    @Test
    void callersWaitInOrderHearTheirPositionAndTheFirstTalksWithTheAgent() throws Exception {
        queues().create(new CallQueueDraft("700", "Support", "RINGALL", List.of("801"), 10, 0, 0, 5, null, true, false,
                5, 20));
        // issue 18: the queue's calls are recorded once an agent answers, announced to both
        CallRecordings recordings = pbx.bean(CallRecordings.class);
        recordings.setRule("QUEUE", "700", "ALWAYS", true);
        try (MediaPhone first = phone("601"); MediaPhone second = phone("602"); MediaPhone agent = phone("801")) {
            first.dial("700");
            first.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            second.dial("700");
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("700").equals(List.of("601", "602")));
            assertThat(live().status("700").orElseThrow().waiting()).extracting(QueueStatus.WaitingCaller::position)
                    .containsExactly(1, 2);
            // 5 s after "all of our agents are busy" (6 s), and every 5 s: "you are caller number 2 in line"
            second.awaitPrompt("queue-you-are-caller", Duration.ofSeconds(15));
            first.rtp().clearReceived();
            short[] music = first.rtp().awaitSamples(8000 * 2, 5000);
            assertThat(Spectrum.rms(music, 0, music.length)).as("music on hold (or the position) is heard").isGreaterThan(300);
            assertThat(live().status("700").orElseThrow().agents())
                    .containsExactly(new QueueStatus.Agent("801", AgentState.UNAVAILABLE));

            agent.sip().register(); // the agent comes: the first in line rings
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From")).as("the first caller is offered first").contains("601").contains("Support");
            RawPhone.Leg agentLeg = answer(agent, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("700").equals(List.of("602")));
            first.awaitPrompt("call-recorded", Duration.ofSeconds(10)); // "this call is being recorded", to both
            agent.awaitPrompt("call-recorded", Duration.ofSeconds(10));
            first.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(10)); // the music stopped

            first.rtp().clearReceived();
            agent.rtp().clearReceived();
            var a = first.rtp().send(Tones.sine(440, Duration.ofSeconds(2), 8000));
            var b = agent.rtp().send(Tones.sine(880, Duration.ofSeconds(2), 8000));
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            agent.rtp().awaitSamples(8000 * 23 / 10, 5000);
            first.rtp().awaitSamples(8000 * 23 / 10, 5000);
            assertThat(Spectrum.toneSamples(agent.rtp().received(), 440, 2000)).as("the agent hears the caller")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(first.rtp().received(), 880, 2000)).as("the caller hears the agent")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(first.rtp().received(), 440, 2000)).as("but not itself").isLessThan(800);

            // the agent hangs up: the caller's call ends, and (no wrap-up) the next caller rings
            assertThat(agent.sip().inDialog(agentLeg, "BYE").status()).isEqualTo(200);
            SipText bye = first.awaitBye();
            assertThat(bye.header("Reason")).contains("agent hung up");
            var recorded = await("the queue call's recording").atMost(Duration.ofSeconds(10))
                    .until(() -> recordings.forCall(first.leg().callId), java.util.Optional::isPresent).orElseThrow();
            assertThat(recorded.callerExtension()).isEqualTo("601");
            assertThat(recorded.calleeExtensions()).containsExactly("801");
            short[] mix = org.tandem.media.Wav.read(recordings.audio(recorded.id()).orElseThrow());
            assertThat(Spectrum.toneSamples(mix, 440, 2000)).as("the caller in the queue call's mix").isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(mix, 880, 2000)).as("the agent in the queue call's mix").isGreaterThan(8000);
            SipText next = agent.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(next.header("From")).contains("602");
            RawPhone.Leg secondAgentLeg = answer(agent, next);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("700").isEmpty());
            second.hangUp(); // the caller hangs up: the agent's leg gets BYE
            SipText agentBye = agent.sip().request("BYE", Duration.ofSeconds(5));
            agent.sip().respond(agentBye, 200, "OK");
            assertThat(agentBye.header("Call-ID")).isEqualTo(secondAgentLeg.callId);

            CallRecords records = pbx.bean(CallRecords.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var q = records.find(first.leg().callId).orElseThrow().queue();
                assertThat(q).isNotNull();
                assertThat(q.queue()).isEqualTo("700");
                assertThat(q.outcome()).isEqualTo(CallQueued.Outcome.ANSWERED);
                assertThat(q.agent()).isEqualTo("801");
                assertThat(q.waitMillis()).isGreaterThan(5000);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                QueueFigures f = live().figures("700", LocalDate.now(ZoneId.systemDefault()));
                assertThat(f.offered()).isEqualTo(2);
                assertThat(f.answered()).isEqualTo(2);
                assertThat(f.abandoned()).isZero();
                assertThat(f.agents()).extracting(QueueFigures.AgentFigures::extension).containsExactly("801");
            });
        }
    }

    @Test
    void anAgentInWrapUpIsNotRungAndACallerWhoHangsUpIsCountedAbandoned() throws Exception {
        queues().create(new CallQueueDraft("710", "Sales", "RINGALL", List.of("811", "812"), 5, 60, 0, 5, null, true,
                false, 0, 20));
        try (MediaPhone caller = phone("603"); MediaPhone next = phone("604"); MediaPhone a = phone("811");
             MediaPhone b = phone("812")) {
            a.sip().register();
            caller.dial("710");
            SipText invite = a.sip().request("INVITE", Duration.ofSeconds(5)); // 812 is not registered yet
            RawPhone.Leg leg = answer(a, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("710").isEmpty());
            assertThat(a.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            await().atMost(Duration.ofSeconds(5)).until(() -> live().status("710").orElseThrow().agents()
                    .contains(new QueueStatus.Agent("811", AgentState.WRAP_UP)));

            b.sip().register();
            next.dial("710");
            SipText toB = b.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(toB.header("From")).contains("604");
            // RINGALL rings every free agent: 811, in its 60 s wrap-up, is skipped
            assertThat(catchWait(() -> a.sip().request("INVITE", Duration.ofSeconds(2)))).isNull();
            b.sip().respond(toB, 486, "Busy Here");
            assertThat(waiting("710")).containsExactly("604");
            next.hangUp(); // gives up waiting

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                QueueFigures f = live().figures("710", LocalDate.now(ZoneId.systemDefault()));
                assertThat(f.offered()).isEqualTo(2);
                assertThat(f.answered()).isEqualTo(1);
                assertThat(f.abandoned()).isEqualTo(1);
            });
            var q = pbx.bean(CallRecords.class).find(next.leg().callId).orElseThrow().queue();
            assertThat(q.outcome()).isEqualTo(CallQueued.Outcome.ABANDONED);
            assertThat(q.agent()).isNull();
        }
    }

    @Test
    void aCallerWhoWaitedTooLongGoesToTheFallbackAndAFullQueueSendsCallersThereAtOnce() throws Exception {
        queues().create(new CallQueueDraft("720", "Billing", "ROUND_ROBIN", List.of("604"), 5, 0, 5, 1, "hangup", true,
                false, 0, 20));
        try (MediaPhone waiting = phone("601"); MediaPhone refused = phone("602")) {
            long start = System.nanoTime();
            waiting.dial("720");
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("720").size() == 1);
            refused.dial("720"); // one caller at most: goodbye at once
            refused.awaitPrompt("goodbye", Duration.ofSeconds(5));
            refused.awaitBye();
            waiting.awaitBye(); // after the 5 s maximum wait
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                CallRecords records = pbx.bean(CallRecords.class);
                assertThat(records.find(waiting.leg().callId).orElseThrow().queue().outcome())
                        .isEqualTo(CallQueued.Outcome.TIMEOUT);
                assertThat(records.find(refused.leg().callId).orElseThrow().queue().outcome())
                        .isEqualTo(CallQueued.Outcome.FULL);
            });
        }
    }

    /**
     * Issue 18: a caller the first queue sends on to a second (its fallback is a queue, same dialog) counts in the
     * figures of both: sent on (TIMEOUT) in the first, answered in the second. The call record shows the last queue.
     */
    @Test
    void aCallerSentOnToAnotherQueueCountsInTheFiguresOfBoth() throws Exception {
        queues().create(new CallQueueDraft("726", "Second line", "RINGALL", List.of("862"), 10, 0, 0, 5, null, true,
                false, 0, 20));
        queues().create(new CallQueueDraft("725", "First line", "RINGALL", List.of("861"), 10, 0, 3, 5, "queue:726",
                true, false, 0, 20));
        try (MediaPhone caller = phone("617"); MediaPhone agent = phone("862")) {
            agent.sip().register();
            caller.dial("725");
            // 861 has no phone: after the 3 s maximum wait the caller goes on to 726, whose agent rings
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(20));
            assertThat(invite.header("From")).contains("617");
            RawPhone.Leg agentLeg = answer(agent, invite);
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "862");
            assertThat(pbx.bean(CallRecords.class).find(caller.leg().callId).orElseThrow().queue().queue())
                    .isEqualTo("726");
            assertThat(agent.sip().inDialog(agentLeg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            LocalDate today = LocalDate.now(ZoneId.systemDefault());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                QueueFigures first = live().figures("725", today);
                assertThat(first.offered()).as("725 offered").isEqualTo(1);
                assertThat(first.sentOn()).as("725 sent on").isEqualTo(1);
                assertThat(first.answered()).as("725 answered").isZero();
                QueueFigures second = live().figures("726", today);
                assertThat(second.offered()).as("726 offered").isEqualTo(1);
                assertThat(second.answered()).as("726 answered").isEqualTo(1);
                assertThat(second.agents()).extracting(QueueFigures.AgentFigures::extension).containsExactly("862");
            });
        }
    }

    @Test
    void anAgentLogsInByFeatureCodeTakesCallsAndLogsOut() throws Exception {
        queues().create(new CallQueueDraft("730", "Dynamic", "LEAST_RECENT", List.of(), 5, 0, 0, 5, null, true, false,
                0, 20));
        try (MediaPhone agent = phone("821"); MediaPhone caller = phone("605")) {
            agent.sip().register();
            agent.dial("*45730");
            agent.awaitPrompt("queue-agent-logged-in", Duration.ofSeconds(5));
            agent.awaitBye();
            // idle once the proxy has seen the feature-code call end (its dialog events run on that call's stripe)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    live().status("730").orElseThrow().agents()).containsExactly(new QueueStatus.Agent("821", AgentState.IDLE)));

            caller.dial("730");
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From")).contains("605");
            agent.sip().respond(invite, 486, "Busy Here");
            caller.hangUp();

            agent.dial("*46730");
            agent.awaitPrompt("queue-agent-logged-out", Duration.ofSeconds(5));
            agent.awaitBye();
            assertThat(live().status("730").orElseThrow().agents()).isEmpty();
        }
    }

    @Test
    void aPausedAgentIsNotRungUntilResumedAndACallerWaitingForTheAgentHearsTheEstimatedWait() throws Exception {
        queues().create(new CallQueueDraft("740", "Paused", "RINGALL", List.of("831"), 10, 60, 0, 5, null, true, false,
                5, 20));
        try (MediaPhone agent = phone("831"); MediaPhone first = phone("606"); MediaPhone second = phone("607")) {
            agent.sip().register();
            agent.dial("*47"); // in every queue the agent is in
            agent.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            agent.awaitBye();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                QueueStatus.Agent a = live().status("740").orElseThrow().agents().get(0);
                assertThat(a.state()).isEqualTo(AgentState.PAUSED);
                assertThat(a.paused()).isTrue();
                assertThat(a.pausedReason()).as("none given by phone").isNull();
            });

            first.dial("740");
            first.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            assertThat(catchWait(() -> agent.sip().request("INVITE", Duration.ofSeconds(3)))).as("paused: not rung").isNull();
            assertThat(waiting("740")).containsExactly("606");

            agent.dial("*48740");
            agent.awaitPrompt("queue-agent-unpaused", Duration.ofSeconds(5));
            agent.awaitBye();
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(10)); // resumed: the caller rings
            assertThat(invite.header("From")).contains("606");
            RawPhone.Leg leg = answer(agent, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("740").isEmpty());
            // two seconds of talk (the queue's handling time), the caller staying out of the line meanwhile
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> waiting("740").isEmpty());
            assertThat(agent.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            first.awaitBye();

            // the agent wraps up (60 s): the next caller waits, and with the handling time known hears the estimate
            second.dial("740");
            second.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            second.awaitPrompt("queue-you-are-caller", Duration.ofSeconds(15));
            second.awaitPrompt("queue-wait-under-a-minute", Duration.ofSeconds(10));
            second.hangUp();
        }
    }

    @Test
    void theLeaveKeyTakesAWaitingCallerToVoicemailAndCountsAsItsOwnOutcome() throws Exception {
        queues().create(new CallQueueDraft("750", "Leave", "RINGALL", List.of(), 10, 0, 0, 5, null, true, false, 5, 20,
                "1", "voicemail:608", null));
        try (MediaPhone caller = phone("609")) {
            caller.dial("750");
            caller.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            // with the position: "to leave the line, press one"
            caller.awaitPrompt("queue-to-leave-press", Duration.ofSeconds(20));
            caller.press("2"); // not the key: still in line
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> waiting("750").equals(List.of("609")));
            assertThat(waiting("750")).containsExactly("609");
            caller.press("1");
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("750").isEmpty());
            // box 608's greeting, then (the music long stopped) its beep
            caller.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(10));
            caller.rtp().clearReceived();
            caller.awaitBeep(Duration.ofSeconds(20));
            caller.hangUp();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var q = pbx.bean(CallRecords.class).find(caller.leg().callId).orElseThrow().queue();
                assertThat(q.outcome()).isEqualTo(CallQueued.Outcome.LEFT_BY_KEY);
                assertThat(q.waitMillis()).isGreaterThan(5000);
                QueueFigures f = live().figures("750", LocalDate.now(ZoneId.systemDefault()));
                assertThat(f.offered()).isEqualTo(1);
                assertThat(f.leftByKey()).isEqualTo(1);
                assertThat(f.abandoned()).isZero();
            });
        }
    }

    /**
     * Issue 18: a queue in French holds and counts in French (the French prompt files, in order); an agent whose own
     * language is Spanish hears the log-in answer in Spanish.
     */
    @Test
    void aFrenchQueueSpeaksFrenchAndASpanishAgentHearsSpanish() throws Exception {
        pbx.bean(UserDirectory.class).create(new UserDraft("832", "Agente", "secret832", null, "es"));
        queues().create(new CallQueueDraft("760", "File", "RINGALL", List.of(), 5, 0, 0, 5, null, true, false,
                5, 20, null, null, "fr"));
        try (MediaPhone agent = phone("832")) {
            agent.dial("*45760");
            agent.awaitPromptsInOrder("es", Duration.ofSeconds(10), "queue-agent-logged-in", "goodbye");
            agent.awaitBye();
        }
        try (MediaPhone caller = phone("602")) { // the agent has no phone registered: the caller waits
            caller.dial("760");
            caller.awaitPromptsInOrder("fr", Duration.ofSeconds(15), "queue-please-hold");
            caller.awaitPromptsInOrder("fr", Duration.ofSeconds(30), "queue-you-are-caller", "digit-1", "queue-in-line");
            assertThat(caller.heardPrompt("en", "queue-please-hold")).as("no English").isFalse();
            caller.hangUp();
        }
    }

    private static List<QueueStatus.Agent> agents(String queue) {
        return live().status(queue).orElseThrow().agents();
    }

    /** The queue outcome in the call record of the call {@code callId} (once the record is written). */
    private static void awaitOutcome(String callId, CallQueued.Outcome outcome, String agent) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var q = pbx.bean(CallRecords.class).find(callId).orElseThrow().queue();
            assertThat(q).isNotNull();
            assertThat(q.outcome()).isEqualTo(outcome);
            assertThat(q.agent()).isEqualTo(agent);
        });
    }

    /**
     * Issue 18, join-empty: a queue that lets nobody in while no agent can take its calls sends a caller to its
     * fallback (a voicemail box) at once, never in line, while its only agent has no phone registered and again while
     * the agent is paused (*47); the call records say EMPTY. Once the agent resumes (*48), the next caller is let in
     * and rings the agent.
     */
    @Test
    void aQueueThatAdmitsNobodyWithoutAgentsSendsCallersToTheFallbackAtOnceAndAdmitsThemOnceAnAgentIsThere()
            throws Exception {
        queues().create(new CallQueueDraft("770", "Closed", "RINGALL", List.of("841"), 10, 0, 0, 5, "voicemail:842",
                false, false, 0, 20));
        try (MediaPhone agent = phone("841"); MediaPhone unregistered = phone("611"); MediaPhone paused = phone("612");
             MediaPhone admitted = phone("613")) {
            unregistered.dial("770"); // 841 has no phone registered
            unregistered.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(8));
            assertThat(unregistered.heardPrompt("en", "queue-please-hold")).as("never put in line").isFalse();
            assertThat(waiting("770")).isEmpty();
            unregistered.hangUp();
            awaitOutcome(unregistered.leg().callId, CallQueued.Outcome.EMPTY, null);

            agent.sip().register();
            agent.dial("*47");
            agent.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            agent.awaitBye();
            paused.dial("770"); // registered, but paused: still nobody to take the call
            paused.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(8));
            assertThat(paused.heardPrompt("en", "queue-please-hold")).as("never put in line").isFalse();
            assertThat(catchWait(() -> agent.sip().request("INVITE", Duration.ofSeconds(1)))).isNull();
            paused.hangUp();
            awaitOutcome(paused.leg().callId, CallQueued.Outcome.EMPTY, null);

            agent.dial("*48770");
            agent.awaitPrompt("queue-agent-unpaused", Duration.ofSeconds(5));
            agent.awaitBye();
            await().atMost(Duration.ofSeconds(5)).until(() -> agents("770")
                    .equals(List.of(new QueueStatus.Agent("841", AgentState.IDLE))));
            admitted.dial("770");
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From")).contains("613");
            assertThat(waiting("770")).containsExactly("613");
            agent.sip().respond(invite, 486, "Busy Here");
            admitted.hangUp();
            awaitOutcome(admitted.leg().callId, CallQueued.Outcome.ABANDONED, null);
            QueueFigures f = live().figures("770", LocalDate.now(ZoneId.systemDefault()));
            assertThat(f.offered()).isEqualTo(3);
            assertThat(f.sentOn()).isEqualTo(2);
            assertThat(f.abandoned()).isEqualTo(1);
        }
    }

    /**
     * Issue 18, leave-when-empty: a caller rings both agents of a queue whose callers leave once nobody can take its
     * calls; the static agent pauses (*47) and the caller stays, for the agent who logged in by *45 still rings; when
     * that last agent logs out (*46) the caller goes to the fallback box at once and the ringing agent's call is
     * cancelled. The call record says EMPTY.
     */
    @Test
    void waitingCallersGoToTheFallbackWhenTheLastAgentPausesOrLogsOut() throws Exception {
        queues().create(new CallQueueDraft("771", "Evening", "RINGALL", List.of("843"), 60, 0, 0, 5, "voicemail:845",
                true, true, 0, 20));
        try (MediaPhone member = phone("843"); MediaPhone dynamic = phone("844"); MediaPhone caller = phone("614")) {
            member.sip().register();
            dynamic.sip().register();
            dynamic.dial("*45771");
            dynamic.awaitPrompt("queue-agent-logged-in", Duration.ofSeconds(5));
            dynamic.awaitBye();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(agents("771")).containsExactlyInAnyOrder(
                    new QueueStatus.Agent("843", AgentState.IDLE), new QueueStatus.Agent("844", AgentState.IDLE)));

            caller.dial("771");
            SipText toMember = member.sip().request("INVITE", Duration.ofSeconds(5));
            member.sip().respond(toMember, 180, "Ringing", "ring843");
            SipText toDynamic = dynamic.sip().request("INVITE", Duration.ofSeconds(5));
            dynamic.sip().respond(toDynamic, 180, "Ringing", "ring844");
            assertThat(waiting("771")).containsExactly("614");

            member.dial("*47"); // one agent is left: the caller stays in line
            member.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            member.awaitBye();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> waiting("771").equals(List.of("614")));

            dynamic.dial("*46771"); // the last agent logs out: the caller leaves for the fallback
            dynamic.awaitPrompt("queue-agent-logged-out", Duration.ofSeconds(5));
            dynamic.awaitBye();
            await().atMost(Duration.ofSeconds(3)).until(() -> waiting("771").isEmpty());
            caller.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(8));
            SipText cancel = dynamic.sip().nextRequest(toDynamic.header("Call-ID"), "CANCEL");
            dynamic.sip().respond(cancel, 200, "OK");
            dynamic.sip().respond(toDynamic, 487, "Request Terminated", "ring844");
            caller.hangUp();
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.EMPTY, null);
            QueueFigures f = live().figures("771", LocalDate.now(ZoneId.systemDefault()));
            assertThat(f.offered()).isEqualTo(1);
            assertThat(f.sentOn()).isEqualTo(1);
            assertThat(f.answered()).isZero();
        }
    }

    /**
     * Issue 18, the agent's ring time: LEAST_RECENT rings the first of two agents who never had a queue call; it lets
     * the call ring for the queue's 5 s and is given up (CANCEL); the caller stays in line and the other agent rings
     * (not the same one again), answers and takes the call. The call record names that agent.
     */
    @Test
    void anAgentWhoDoesNotAnswerWithinTheRingTimeIsGivenUpAndTheNextAgentRings() throws Exception {
        queues().create(new CallQueueDraft("772", "Ring out", "LEAST_RECENT", List.of("846", "847"), 5, 0, 0, 5, null,
                true, false, 0, 20));
        try (MediaPhone first = phone("846"); MediaPhone second = phone("847"); MediaPhone caller = phone("615")) {
            first.sip().register();
            second.sip().register();
            caller.dial("772");
            SipText toFirst = first.sip().request("INVITE", Duration.ofSeconds(5));
            long rang = System.nanoTime();
            assertThat(toFirst.header("From")).contains("615");
            first.sip().respond(toFirst, 180, "Ringing", "ring846");
            SipText cancel = first.sip().nextRequest(toFirst.header("Call-ID"), "CANCEL");
            assertThat(Duration.ofNanos(System.nanoTime() - rang)).as("the ring time")
                    .isGreaterThan(Duration.ofMillis(4500));
            first.sip().respond(cancel, 200, "OK");
            first.sip().respond(toFirst, 487, "Request Terminated", "ring846");
            assertThat(waiting("772")).as("still in line").containsExactly("615");

            SipText toSecond = second.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(toSecond.header("From")).contains("615");
            assertThat(catchWait(() -> first.sip().request("INVITE", Duration.ofSeconds(1))))
                    .as("the agent who let it ring out is not rung again").isNull();
            RawPhone.Leg leg = answer(second, toSecond);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("772").isEmpty());
            assertThat(second.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "847");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    pbx.bean(CallRecords.class).find(caller.leg().callId).orElseThrow().queue().waitMillis())
                    .isGreaterThan(4500));
        }
    }

    /**
     * Issue 18: RINGALL rings only the agents who can take a call: 851 is talking to 855 through the proxy (busy, from
     * the dialog state), 852 switched do-not-disturb on (*78), 853 has no phone registered; only 854 rings, answers and
     * takes the call.
     */
    @Test
    void anAgentInACallInDoNotDisturbOrWithoutAPhoneIsSkipped() throws Exception {
        queues().create(new CallQueueDraft("773", "Skips", "RINGALL", List.of("851", "852", "853", "854"), 10, 0, 0, 5,
                null, true, false, 0, 20));
        try (MediaPhone busy = phone("851"); MediaPhone dnd = phone("852"); MediaPhone free = phone("854");
             MediaPhone other = phone("855"); MediaPhone caller = phone("616")) {
            for (MediaPhone p : List.of(busy, dnd, free, other)) p.sip().register();
            RawPhone.Leg talk = busy.sip().invite("855");
            SipText atOther = other.sip().request("INVITE");
            other.sip().respond(atOther, 200, "OK");
            busy.sip().answered(talk);
            other.sip().request("ACK");
            RawPhone.Leg dndOn = dnd.sip().invite("*78"); // answered and hung up as the confirmation
            dnd.sip().answered(dndOn);
            dnd.sip().respond(dnd.sip().request("BYE"), 200, "OK");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(agents("773")).containsExactlyInAnyOrder(
                    new QueueStatus.Agent("851", AgentState.BUSY), new QueueStatus.Agent("852", AgentState.DND),
                    new QueueStatus.Agent("853", AgentState.UNAVAILABLE), new QueueStatus.Agent("854", AgentState.IDLE)));

            caller.dial("773");
            SipText invite = free.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From")).contains("616");
            assertThat(catchWait(() -> busy.sip().request("INVITE", Duration.ofSeconds(2)))).as("in a call").isNull();
            assertThat(catchWait(() -> dnd.sip().request("INVITE", Duration.ofMillis(500)))).as("in DND").isNull();
            assertThat(agents("773")).contains(new QueueStatus.Agent("854", AgentState.RINGING));
            RawPhone.Leg leg = answer(free, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("773").isEmpty());
            assertThat(free.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "854");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    live().figures("773", LocalDate.now(ZoneId.systemDefault())).agents())
                    .extracting(QueueFigures.AgentFigures::extension).containsExactly("854"));

            long bye = busy.sip().send(talk, "BYE");
            other.sip().respond(other.sip().request("BYE"), 200, "OK");
            assertThat(busy.sip().finalResponse(talk, "BYE", bye).status()).isEqualTo(200);
        }
    }

    private static SipText catchWait(java.util.concurrent.Callable<SipText> wait) {
        try {
            return wait.call();
        } catch (Throwable expected) {
            return null;
        }
    }
}
