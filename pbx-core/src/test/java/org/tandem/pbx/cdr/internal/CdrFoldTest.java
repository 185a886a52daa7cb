package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;

/** Events fold into one row per Call-ID, in any order, duplicates included. */
class CdrFoldTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    static CallStarted started(String id) {
        return new CallStarted(id, T0, "201", "201", "Alice", "202", CallDirection.INTERNAL, null, null, null);
    }

    static CdrRow fold(Object... events) {
        CdrRow row = null;
        for (Object e : events) row = CdrFold.fold(row, e);
        return row;
    }

    @Test
    void everyQueueTheCallerLeftIsAVisitAndTheRowShowsTheLast() {
        CdrRow row = fold(
                started("c9"),
                new CallQueued("c9", T0.plusSeconds(4), "725", CallQueued.Outcome.TIMEOUT, 3000, null),
                new CallQueued("c9", T0.plusSeconds(9), "726", CallQueued.Outcome.ANSWERED, 4000, "862"));

        assertThat(row.newQueueVisits).extracting(CallRecord.Queued::queue).containsExactly("725", "726");
        assertThat(row.queue.queue()).isEqualTo("726");
        assertThat(row.queue.agent()).isEqualTo("862");
    }

    @Test
    void anAnsweredCallIsBilledFromAnswerToEnd() {
        CdrRow row = fold(
                started("c1"),
                new CallRouted("c1", T0.plusMillis(10), "extension:202", null, null),
                new CallAnswered("c1", T0.plusSeconds(3), "202"),
                new CallEnded("c1", T0.plusMillis(15_400), Disposition.ANSWERED, 200, HangupSide.CALLEE));

        assertThat(row.callId).isEqualTo("c1");
        assertThat(row.started).isTrue();
        assertThat(row.startMs).isEqualTo(T0.toEpochMilli());
        assertThat(row.answerMs).isEqualTo(T0.plusSeconds(3).toEpochMilli());
        assertThat(row.endMs).isEqualTo(T0.plusMillis(15_400).toEpochMilli());
        assertThat(row.billableSeconds).as("12.4 s rounds to 12").isEqualTo(12);
        assertThat(row.disposition).isEqualTo(Disposition.ANSWERED);
        assertThat(row.hangupSide).isEqualTo(HangupSide.CALLEE);
        assertThat(row.sipStatus).isEqualTo(200);
        assertThat(row.answeredBy).isEqualTo("202");
        assertThat(row.destination).isEqualTo("extension:202");
        assertThat(row.offers).containsExactly("202");
        assertThat(row.toRecord().endedAt()).isEqualTo(T0.plusMillis(15_400));
    }

    @Test
    void anEndThatOvertookItsStartMakesOneRowTheStartCompletes() {
        CdrRow row = fold(new CallEnded("c2", T0.plusSeconds(5), Disposition.CANCELLED, 487, HangupSide.CALLER));
        assertThat(row.started).isFalse();
        assertThat(row.startMs)
                .as("a placeholder until the start arrives")
                .isEqualTo(T0.plusSeconds(5).toEpochMilli());

        row = CdrFold.fold(row, started("c2"));

        assertThat(row.started).isTrue();
        assertThat(row.startMs).isEqualTo(T0.toEpochMilli());
        assertThat(row.callerExtension).isEqualTo("201");
        assertThat(row.disposition).isEqualTo(Disposition.CANCELLED);
        assertThat(row.sipStatus).isEqualTo(487);
        assertThat(row.lastSeenMs).isEqualTo(T0.plusSeconds(5).toEpochMilli());
        assertThat(row.billableSeconds).isZero();
    }

    @Test
    void repeatedStartsAnswersAndEndsChangeNothing() {
        CdrRow row = fold(
                started("c3"),
                new CallAnswered("c3", T0.plusSeconds(1), "202"),
                new CallEnded("c3", T0.plusSeconds(11), Disposition.ANSWERED, 200, HangupSide.CALLER));

        CdrFold.fold(
                row,
                new CallStarted(
                        "c3",
                        T0.plusSeconds(20),
                        "209",
                        "209",
                        "Mallory",
                        "299",
                        CallDirection.OUTBOUND,
                        null,
                        null,
                        null));
        CdrFold.fold(row, new CallAnswered("c3", T0.plusSeconds(21), "299"));
        CdrFold.fold(row, new CallEnded("c3", T0.plusSeconds(30), Disposition.FAILED, 500, HangupSide.SYSTEM));

        assertThat(row.callerExtension).isEqualTo("201");
        assertThat(row.startMs).isEqualTo(T0.toEpochMilli());
        assertThat(row.answeredBy).isEqualTo("202");
        assertThat(row.disposition).isEqualTo(Disposition.ANSWERED);
        assertThat(row.hangupSide).isEqualTo(HangupSide.CALLER);
        assertThat(row.billableSeconds).isEqualTo(10);
    }

    @Test
    void anAnswerArrivingAfterTheEndStillBills() {
        CdrRow row = fold(
                started("c4"),
                new CallEnded("c4", T0.plusSeconds(9), Disposition.ANSWERED, 200, HangupSide.CALLEE),
                new CallAnswered("c4", T0.plusSeconds(2), "202"));
        assertThat(row.billableSeconds).isEqualTo(7);
    }

    @Test
    void forwardingAndRingGroupsAreKeptUntilTheAnswerAndEveryOfferedExtensionCounts() {
        CdrRow row = fold(
                started("c5"),
                new CallRouted("c5", T0.plusMillis(1), "extension:202", null, null),
                new CallRouted("c5", T0.plusSeconds(20), "ringgroup:600", "600", "202"),
                new CallRouted("c5", T0.plusSeconds(20), "extension:203", "600", "202"),
                new CallAnswered("c5", T0.plusSeconds(25), "203"),
                new CallRouted("c5", T0.plusSeconds(26), "voicemail:202", null, null));

        assertThat(row.destination).as("after the answer nothing moves").isEqualTo("extension:203");
        assertThat(row.ringGroup).isEqualTo("600");
        assertThat(row.forwardedFrom).isEqualTo("202");
        assertThat(row.offers).containsExactly("202", "203");
        assertThat(row.newOffers).containsExactly("202", "203");
    }

    @Test
    void theTrunkThatAnsweredStaysTheCallsTrunkAfterFailover() {
        CdrRow row = fold(
                new CallStarted("c6", T0, "201", "201", null, "900301234567", CallDirection.OUTBOUND, null, null, null),
                new CallTrunkUsed("c6", T0.plusMillis(5), "itsp-a", "+4930123", 0),
                new CallTrunkUsed("c6", T0.plusMillis(900), "itsp-a", "+4930123", 503),
                new CallTrunkUsed("c6", T0.plusMillis(910), "itsp-b", "+4930123", 0),
                new CallTrunkUsed("c6", T0.plusSeconds(3), "itsp-b", "+4930123", 200),
                new CallTrunkUsed("c6", T0.plusSeconds(4), "itsp-c", "+4930123", 0));
        assertThat(row.trunk).isEqualTo("itsp-b");
        assertThat(row.offers).as("an outbound call offers no local extension").isEmpty();
    }

    @Test
    void aCallInterruptedByARestartIsClosedAtItsLastSignOfLife() {
        CdrRow answered = fold(started("c7"), new CallAnswered("c7", T0.plusSeconds(2), "202"));
        answered.lastSeenMs = T0.plusSeconds(62).toEpochMilli(); // a heartbeat
        CdrRow ringing = fold(started("c8"));

        CdrFold.closeAtRestart(answered);
        CdrFold.closeAtRestart(ringing);

        assertThat(answered.disposition).isEqualTo(Disposition.ANSWERED);
        assertThat(answered.endMs).isEqualTo(T0.plusSeconds(62).toEpochMilli());
        assertThat(answered.billableSeconds).isEqualTo(60);
        assertThat(answered.hangupSide).isEqualTo(HangupSide.SYSTEM);
        assertThat(answered.closedAtRestart).isTrue();
        assertThat(ringing.disposition).isEqualTo(Disposition.FAILED);
        assertThat(ringing.sipStatus).isNull();
        assertThat(ringing.endMs).isEqualTo(T0.toEpochMilli());
        assertThat(ringing.closedAtRestart).isTrue();
    }

    @Test
    void overlongCallIdsAreCutTheSameWayEveryTime() {
        String id = "x".repeat(300);
        assertThat(CdrFold.callId(started(id)))
                .hasSize(CdrFold.CALL_ID_MAX)
                .isEqualTo(CdrFold.callId(new CallAnswered(id, T0, "202")));
        assertThat(CdrFold.callId("not an event")).isNull();
    }

    @Test
    void aBlockedCallerIsBlockedWhateverEndedItAndWhicheverCameFirst() {
        CdrRow refused = fold(
                new CallBlocked("b1", T0, "blocklist:global"),
                started("b1"),
                new CallEnded("b1", T0.plusMillis(20), Disposition.BUSY, 486, HangupSide.CALLEE));
        assertThat(refused.disposition).isEqualTo(Disposition.BLOCKED);
        assertThat(refused.sipStatus).isEqualTo(486);
        assertThat(refused.hangupCause).isEqualTo("blocklist:global");

        CdrRow prompted = fold(
                started("b2"),
                new CallAnswered("b2", T0.plusSeconds(1), "blocklist"),
                new CallEnded("b2", T0.plusSeconds(4), Disposition.ANSWERED, 200, HangupSide.SYSTEM),
                new CallBlocked("b2", T0, "blocklist:201"));
        assertThat(prompted.disposition).as("a block arriving after the end").isEqualTo(Disposition.BLOCKED);
        assertThat(prompted.hangupCause).isEqualTo("blocklist:201");

        CdrRow other =
                fold(started("b3"), new CallEnded("b3", T0.plusSeconds(4), Disposition.BUSY, 486, HangupSide.CALLEE));
        assertThat(other.disposition).isEqualTo(Disposition.BUSY);
    }
}
