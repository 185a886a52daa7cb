package org.tandem.pbx.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Call queues with real phones and real audio, the agents' side: an agent logs in and out by feature code; an agent
 * paused by *47 is not rung until *48, and a caller waiting while the only agent wraps up hears the estimated wait (from
 * the last call's handling time); a queue without an agent who can take its calls admits nobody or sends its waiting
 * callers to the fallback; an agent who does not answer within the ring time is given up for the next; an agent in a
 * call, in do-not-disturb or without a phone is skipped. The callers' side is {@link QueueCallIT}'s.
 */
class QueueAgentsIT extends AbstractQueueCallIT {

    @Test
    void anAgentLogsInByFeatureCodeTakesCallsAndLogsOut() throws Exception {
        queues().create(new CallQueueDraft(
                "730", "Dynamic", "LEAST_RECENT", List.of(), 5, 0, 0, 5, null, true, false, 0, 20));
        try (MediaPhone agent = phone("821");
                MediaPhone caller = phone("605")) {
            agent.sip().register();
            agent.dial("*45730");
            agent.awaitPrompt("queue-agent-logged-in", Duration.ofSeconds(5));
            agent.awaitBye();
            // idle once the proxy has seen the feature-code call end (its dialog events run on that call's stripe)
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () -> assertThat(live().status("730").orElseThrow().agents())
                                    .containsExactly(new QueueStatus.Agent("821", AgentState.IDLE)));

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
        queues().create(new CallQueueDraft(
                "740", "Paused", "RINGALL", List.of("831"), 10, 60, 0, 5, null, true, false, 5, 20));
        try (MediaPhone agent = phone("831");
                MediaPhone first = phone("606");
                MediaPhone second = phone("607")) {
            agent.sip().register();
            agent.dial("*47"); // in every queue the agent is in
            agent.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            agent.awaitBye();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                QueueStatus.Agent a =
                        live().status("740").orElseThrow().agents().get(0);
                assertThat(a.state()).isEqualTo(AgentState.PAUSED);
                assertThat(a.paused()).isTrue();
                assertThat(a.pausedReason()).as("none given by phone").isNull();
            });

            first.dial("740");
            first.awaitPrompt("queue-please-hold", Duration.ofSeconds(5));
            assertThat(catchWait(() -> agent.sip().request("INVITE", Duration.ofSeconds(3))))
                    .as("paused: not rung")
                    .isNull();
            assertThat(waiting("740")).containsExactly("606");

            agent.dial("*48740");
            agent.awaitPrompt("queue-agent-unpaused", Duration.ofSeconds(5));
            agent.awaitBye();
            SipText invite = agent.sip().request("INVITE", Duration.ofSeconds(10)); // resumed: the caller rings
            assertThat(invite.header("From")).contains("606");
            RawPhone.Leg leg = answer(agent, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("740").isEmpty());
            // two seconds of talk (the queue's handling time), the caller staying out of the line meanwhile
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> waiting("740").isEmpty());
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

    /**
     * Issue 18, join-empty: a queue that lets nobody in while no agent can take its calls sends a caller to its
     * fallback (a voicemail box) at once, never in line, while its only agent has no phone registered and again while
     * the agent is paused (*47); the call records say EMPTY. Once the agent resumes (*48), the next caller is let in
     * and rings the agent.
     */
    @Test
    void aQueueThatAdmitsNobodyWithoutAgentsSendsCallersToTheFallbackAtOnceAndAdmitsThemOnceAnAgentIsThere()
            throws Exception {
        queues().create(new CallQueueDraft(
                "770", "Closed", "RINGALL", List.of("841"), 10, 0, 0, 5, "voicemail:842", false, false, 0, 20));
        try (MediaPhone agent = phone("841");
                MediaPhone unregistered = phone("611");
                MediaPhone paused = phone("612");
                MediaPhone admitted = phone("613")) {
            unregistered.dial("770"); // 841 has no phone registered
            unregistered.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(8));
            assertThat(unregistered.heardPrompt("en", "queue-please-hold"))
                    .as("never put in line")
                    .isFalse();
            assertThat(waiting("770")).isEmpty();
            unregistered.hangUp();
            awaitOutcome(unregistered.leg().callId, CallQueued.Outcome.EMPTY, null);

            agent.sip().register();
            agent.dial("*47");
            agent.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            agent.awaitBye();
            paused.dial("770"); // registered, but paused: still nobody to take the call
            paused.awaitPrompt("vm-the-person-at-extension", Duration.ofSeconds(8));
            assertThat(paused.heardPrompt("en", "queue-please-hold"))
                    .as("never put in line")
                    .isFalse();
            assertThat(catchWait(() -> agent.sip().request("INVITE", Duration.ofSeconds(1))))
                    .isNull();
            paused.hangUp();
            awaitOutcome(paused.leg().callId, CallQueued.Outcome.EMPTY, null);

            agent.dial("*48770");
            agent.awaitPrompt("queue-agent-unpaused", Duration.ofSeconds(5));
            agent.awaitBye();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agents("770").equals(List.of(new QueueStatus.Agent("841", AgentState.IDLE))));
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
        queues().create(new CallQueueDraft(
                "771", "Evening", "RINGALL", List.of("843"), 60, 0, 0, 5, "voicemail:845", true, true, 0, 20));
        try (MediaPhone member = phone("843");
                MediaPhone dynamic = phone("844");
                MediaPhone caller = phone("614")) {
            member.sip().register();
            dynamic.sip().register();
            dynamic.dial("*45771");
            dynamic.awaitPrompt("queue-agent-logged-in", Duration.ofSeconds(5));
            dynamic.awaitBye();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(agents("771"))
                            .containsExactlyInAnyOrder(
                                    new QueueStatus.Agent("843", AgentState.IDLE),
                                    new QueueStatus.Agent("844", AgentState.IDLE)));

            caller.dial("771");
            SipText toMember = member.sip().request("INVITE", Duration.ofSeconds(5));
            member.sip().respond(toMember, 180, "Ringing", "ring843");
            SipText toDynamic = dynamic.sip().request("INVITE", Duration.ofSeconds(5));
            dynamic.sip().respond(toDynamic, 180, "Ringing", "ring844");
            assertThat(waiting("771")).containsExactly("614");

            member.dial("*47"); // one agent is left: the caller stays in line
            member.awaitPrompt("queue-agent-paused", Duration.ofSeconds(5));
            member.awaitBye();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
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
        queues().create(new CallQueueDraft(
                "772", "Ring out", "LEAST_RECENT", List.of("846", "847"), 5, 0, 0, 5, null, true, false, 0, 20));
        try (MediaPhone first = phone("846");
                MediaPhone second = phone("847");
                MediaPhone caller = phone("615")) {
            first.sip().register();
            second.sip().register();
            caller.dial("772");
            SipText toFirst = first.sip().request("INVITE", Duration.ofSeconds(5));
            long rang = System.nanoTime();
            assertThat(toFirst.header("From")).contains("615");
            first.sip().respond(toFirst, 180, "Ringing", "ring846");
            SipText cancel = first.sip().nextRequest(toFirst.header("Call-ID"), "CANCEL");
            assertThat(Duration.ofNanos(System.nanoTime() - rang))
                    .as("the ring time")
                    .isGreaterThan(Duration.ofMillis(4500));
            first.sip().respond(cancel, 200, "OK");
            first.sip().respond(toFirst, 487, "Request Terminated", "ring846");
            assertThat(waiting("772")).as("still in line").containsExactly("615");

            SipText toSecond = second.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(toSecond.header("From")).contains("615");
            assertThat(catchWait(() -> first.sip().request("INVITE", Duration.ofSeconds(1))))
                    .as("the agent who let it ring out is not rung again")
                    .isNull();
            RawPhone.Leg leg = answer(second, toSecond);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("772").isEmpty());
            assertThat(second.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "847");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(pbx.bean(CallRecords.class)
                                    .find(caller.leg().callId)
                                    .orElseThrow()
                                    .queue()
                                    .waitMillis())
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
        queues().create(new CallQueueDraft(
                "773", "Skips", "RINGALL", List.of("851", "852", "853", "854"), 10, 0, 0, 5, null, true, false, 0, 20));
        try (MediaPhone busy = phone("851");
                MediaPhone dnd = phone("852");
                MediaPhone free = phone("854");
                MediaPhone other = phone("855");
                MediaPhone caller = phone("616")) {
            for (MediaPhone p : List.of(busy, dnd, free, other)) p.sip().register();
            RawPhone.Leg talk = busy.sip().invite("855");
            SipText atOther = other.sip().request("INVITE");
            other.sip().respond(atOther, 200, "OK");
            busy.sip().answered(talk);
            other.sip().request("ACK");
            RawPhone.Leg dndOn = dnd.sip().invite("*78"); // answered and hung up as the confirmation
            dnd.sip().answered(dndOn);
            dnd.sip().respond(dnd.sip().request("BYE"), 200, "OK");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(agents("773"))
                            .containsExactlyInAnyOrder(
                                    new QueueStatus.Agent("851", AgentState.BUSY),
                                            new QueueStatus.Agent("852", AgentState.DND),
                                    new QueueStatus.Agent("853", AgentState.UNAVAILABLE),
                                            new QueueStatus.Agent("854", AgentState.IDLE)));

            caller.dial("773");
            SipText invite = free.sip().request("INVITE", Duration.ofSeconds(5));
            assertThat(invite.header("From")).contains("616");
            assertThat(catchWait(() -> busy.sip().request("INVITE", Duration.ofSeconds(2))))
                    .as("in a call")
                    .isNull();
            assertThat(catchWait(() -> dnd.sip().request("INVITE", Duration.ofMillis(500))))
                    .as("in DND")
                    .isNull();
            assertThat(agents("773")).contains(new QueueStatus.Agent("854", AgentState.RINGING));
            RawPhone.Leg leg = answer(free, invite);
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting("773").isEmpty());
            assertThat(free.sip().inDialog(leg, "BYE").status()).isEqualTo(200);
            caller.awaitBye();
            awaitOutcome(caller.leg().callId, CallQueued.Outcome.ANSWERED, "854");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(live().figures("773", LocalDate.now(ZoneId.systemDefault()))
                                    .agents())
                            .extracting(QueueFigures.AgentFigures::extension)
                            .containsExactly("854"));

            long bye = busy.sip().send(talk, "BYE");
            other.sip().respond(other.sip().request("BYE"), 200, "OK");
            assertThat(busy.sip().finalResponse(talk, "BYE", bye).status()).isEqualTo(200);
        }
    }
}
