package org.tandem.pbx.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Call queues with real phones and real audio, the callers' side: callers wait in order on music, hear "all of our
 * agents are busy" and their position; the first in line rings the agent (the queue's INVITE with an offer of its own)
 * and, answered, the caller and the agent hear each other's tones through the queue's two-party bridge; the agent's BYE
 * ends the caller's call and the next caller rings. An agent in wrap-up is not rung (RINGALL rings only the other); a
 * caller who hangs up while waiting is counted abandoned; the call records carry the queue, the wait and the agent. The
 * leave key, said with the position, takes a waiting caller to voicemail (the greeting's beep is heard) and is counted
 * as its own outcome. A queue whose recording rule says ALWAYS (issue 18) records its answered calls (the bridge's mix)
 * and announces it to both. The agents' side is {@link QueueAgentsIT}'s.
 */
class QueueCallIT extends AbstractQueueCallIT {

    @Test
    void callersWaitInOrderHearTheirPositionAndTheFirstTalksWithTheAgent() throws Exception {
        queues().create(new CallQueueDraft(
                "700", "Support", "RINGALL", List.of("801"), 10, 0, 0, 5, null, true, false, 5, 20));
        // issue 18: the queue's calls are recorded once an agent answers, announced to both
        CallRecordings recordings = pbx.bean(CallRecordings.class);
        recordings.setRule("QUEUE", "700", "ALWAYS", true);
        try (MediaPhone first = phone("601");
                MediaPhone second = phone("602");
                MediaPhone agent = phone("801")) {
            first.dial("700");
            first.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            second.dial("700");
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("700").equals(List.of("601", "602")));
            assertThat(live().status("700").orElseThrow().waiting())
                    .extracting(QueueStatus.WaitingCaller::position)
                    .containsExactly(1, 2);
            // 5 s after "all of our agents are busy" (6 s), and every 5 s: "you are caller number 2 in line"
            second.awaitPrompt("queue-you-are-caller", Duration.ofSeconds(15));
            first.rtp().clearReceived();
            short[] music = first.rtp().awaitSamples(8000 * 2, 5000);
            assertThat(Spectrum.rms(music, 0, music.length))
                    .as("music on hold (or the position) is heard")
                    .isGreaterThan(300);
            assertThat(live().status("700").orElseThrow().agents())
                    .containsExactly(new QueueStatus.Agent("801", AgentState.UNAVAILABLE));

            agent.sip().register(); // the agent comes: the first in line rings
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From"))
                    .as("the first caller is offered first")
                    .contains("601")
                    .contains("Support");
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
            assertThat(Spectrum.toneSamples(agent.rtp().received(), 440, 2000))
                    .as("the agent hears the caller")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(first.rtp().received(), 880, 2000))
                    .as("the caller hears the agent")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(first.rtp().received(), 440, 2000))
                    .as("but not itself")
                    .isLessThan(800);

            // the agent hangs up: the caller's call ends, and (no wrap-up) the next caller rings
            assertThat(agent.sip().inDialog(agentLeg, "BYE").status()).isEqualTo(200);
            SipText bye = first.awaitBye();
            assertThat(bye.header("Reason")).contains("agent hung up");
            var recorded = await("the queue call's recording")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> recordings.forCall(first.leg().callId), java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(recorded.callerExtension()).isEqualTo("601");
            assertThat(recorded.calleeExtensions()).containsExactly("801");
            short[] mix =
                    org.tandem.media.Wav.read(recordings.audio(recorded.id()).orElseThrow());
            assertThat(Spectrum.toneSamples(mix, 440, 2000))
                    .as("the caller in the queue call's mix")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(mix, 880, 2000))
                    .as("the agent in the queue call's mix")
                    .isGreaterThan(8000);
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
                assertThat(f.agents())
                        .extracting(QueueFigures.AgentFigures::extension)
                        .containsExactly("801");
            });
        }
    }

    @Test
    void anAgentInWrapUpIsNotRungAndACallerWhoHangsUpIsCountedAbandoned() throws Exception {
        queues().create(new CallQueueDraft(
                "710", "Sales", "RINGALL", List.of("811", "812"), 5, 60, 0, 5, null, true, false, 0, 20));
        try (MediaPhone caller = phone("603");
                MediaPhone next = phone("604");
                MediaPhone a = phone("811");
                MediaPhone b = phone("812")) {
            a.sip().register();
            caller.dial("710");
            SipText invite = a.sip().request("INVITE", Duration.ofSeconds(5)); // 812 is not registered yet
            RawPhone.Leg leg = answer(a, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("710").isEmpty());
            assertThat(a.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> live().status("710")
                            .orElseThrow()
                            .agents()
                            .contains(new QueueStatus.Agent("811", AgentState.WRAP_UP)));

            b.sip().register();
            next.dial("710");
            SipText toB = b.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(toB.header("From")).contains("604");
            // RINGALL rings every free agent: 811, in its 60 s wrap-up, is skipped
            assertThat(catchWait(() -> a.sip().request("INVITE", Duration.ofSeconds(2))))
                    .isNull();
            b.sip().respond(toB, 486, "Busy Here");
            assertThat(waiting("710")).containsExactly("604");
            next.hangUp(); // gives up waiting

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                QueueFigures f = live().figures("710", LocalDate.now(ZoneId.systemDefault()));
                assertThat(f.offered()).isEqualTo(2);
                assertThat(f.answered()).isEqualTo(1);
                assertThat(f.abandoned()).isEqualTo(1);
            });
            var q = pbx.bean(CallRecords.class)
                    .find(next.leg().callId)
                    .orElseThrow()
                    .queue();
            assertThat(q.outcome()).isEqualTo(CallQueued.Outcome.ABANDONED);
            assertThat(q.agent()).isNull();
        }
    }

    @Test
    void aCallerWhoWaitedTooLongGoesToTheFallbackAndAFullQueueSendsCallersThereAtOnce() throws Exception {
        queues().create(new CallQueueDraft(
                "720", "Billing", "ROUND_ROBIN", List.of("604"), 5, 0, 5, 1, "hangup", true, false, 0, 20));
        try (MediaPhone waiting = phone("601");
                MediaPhone refused = phone("602")) {
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
                assertThat(records.find(waiting.leg().callId)
                                .orElseThrow()
                                .queue()
                                .outcome())
                        .isEqualTo(CallQueued.Outcome.TIMEOUT);
                assertThat(records.find(refused.leg().callId)
                                .orElseThrow()
                                .queue()
                                .outcome())
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
        queues().create(new CallQueueDraft(
                "726", "Second line", "RINGALL", List.of("862"), 10, 0, 0, 5, null, true, false, 0, 20));
        queues().create(new CallQueueDraft(
                "725", "First line", "RINGALL", List.of("861"), 10, 0, 3, 5, "queue:726", true, false, 0, 20));
        try (MediaPhone caller = phone("617");
                MediaPhone agent = phone("862")) {
            agent.sip().register();
            caller.dial("725");
            // 861 has no phone: after the 3 s maximum wait the caller goes on to 726, whose agent rings
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(20));
            assertThat(invite.header("From")).contains("617");
            RawPhone.Leg agentLeg = answer(agent, invite);
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "862");
            assertThat(pbx.bean(CallRecords.class)
                            .find(caller.leg().callId)
                            .orElseThrow()
                            .queue()
                            .queue())
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
                assertThat(second.agents())
                        .extracting(QueueFigures.AgentFigures::extension)
                        .containsExactly("862");
            });
        }
    }

    @Test
    void theLeaveKeyTakesAWaitingCallerToVoicemailAndCountsAsItsOwnOutcome() throws Exception {
        queues().create(new CallQueueDraft(
                "750",
                "Leave",
                "RINGALL",
                List.of(),
                10,
                0,
                0,
                5,
                null,
                true,
                false,
                5,
                20,
                "1",
                "voicemail:608",
                null));
        try (MediaPhone caller = phone("609")) {
            caller.dial("750");
            caller.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            // with the position: "to leave the line, press one"
            caller.awaitPrompt("queue-to-leave-press", Duration.ofSeconds(20));
            caller.press("2"); // not the key: still in line
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
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
                var q = pbx.bean(CallRecords.class)
                        .find(caller.leg().callId)
                        .orElseThrow()
                        .queue();
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
        queues().create(new CallQueueDraft(
                "760", "File", "RINGALL", List.of(), 5, 0, 0, 5, null, true, false, 5, 20, null, null, "fr"));
        try (MediaPhone agent = phone("832")) {
            agent.dial("*45760");
            agent.awaitPromptsInOrder("es", Duration.ofSeconds(10), "queue-agent-logged-in", "goodbye");
            agent.awaitBye();
        }
        try (MediaPhone caller = phone("602")) { // the agent has no phone registered: the caller waits
            caller.dial("760");
            caller.awaitPromptsInOrder("fr", Duration.ofSeconds(15), "queue-please-hold");
            caller.awaitPromptsInOrder(
                    "fr", Duration.ofSeconds(30), "queue-you-are-caller", "digit-1", "queue-in-line");
            assertThat(caller.heardPrompt("en", "queue-please-hold"))
                    .as("no English")
                    .isFalse();
            caller.hangUp();
        }
    }
}
