package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.media.relay.RelayMode;
import org.tandem.pbx.anchor.CallRecorder;

/**
 * Issue 18: a call the recording rules name goes through the relay even between two LAN phones that auto mode lets
 * talk directly, and its recording starts when the callee answers with G.711; on the relay's recorder's word the
 * finished file is handed on.
 */
class RecordedAnchorTest {

    static final String OPUS_ANSWER = RelayAnchorTest.C_ANSWER
            .replace("RTP/AVP 8 101", "RTP/AVP 96 101")
            .replace("a=rtpmap:8 PCMA/8000", "a=rtpmap:96 opus/48000/2");

    final RecordingRelay relay = new RecordingRelay();
    final List<String> recorded = new ArrayList<>();
    final CallRecorder.Involved involved = new CallRecorder.Involved("101", List.of("102"), null, null);
    String onDemand; // the extension whose rule says ON_DEMAND, or null
    int spans;

    RelayAnchor anchor(RelayMode mode, boolean record) {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24"));
        return new RelayAnchor(
                relay,
                new AnchorPolicy(mode, lan),
                host -> "10.0.0.1",
                id -> Runnable::run,
                e -> {},
                new CallRecorder() {
                    @Override
                    public Plan plan(String callId, Involved who) {
                        if (onDemand != null) return new Plan(null, java.util.Set.of(onDemand), "*1");
                        return record ? new Plan(Path.of("/rec/" + callId + ".wav"), null, "*1") : null;
                    }

                    @Override
                    public Path fileFor(String callId) {
                        return Path.of("/rec/" + callId + "-" + (++spans) + ".wav");
                    }

                    @Override
                    public void recorded(String callId, Involved who, Instant startedAt, RecordedAudio audio) {
                        recorded.add(callId + " " + who.callerExtension() + " " + audio.file());
                    }
                });
    }

    @Test
    void aRecordedCallBetweenLanPhonesIsAnchoredAndRecordedFromTheG711Answer() {
        RelayAnchor anchor = anchor(RelayMode.AUTO, true);
        String offer = anchor.offerToNewCall(
                "r1",
                "tagD",
                RelayAnchorTest.LAN_D,
                List.of(RelayAnchorTest.LAN_C),
                List.of(),
                RelayAnchorTest.LAN_OFFER,
                involved);
        assertThat(offer).contains("c=IN IP4 10.0.0.1");
        RecordingRelay.Call call = relay.only();
        assertThat(call.recordedTo).isEmpty(); // ringing: nothing to record yet
        anchor.passing(
                "r1",
                org.tandem.media.relay.Side.CALLEE,
                RelayAnchorTest.LAN_C,
                RelayAnchorTest.LAN_D,
                RelayAnchorTest.C_ANSWER);
        assertThat(call.recordedTo).containsExactly(Path.of("/rec/r1.wav"));
        assertThat(anchor.isRecording("r1")).isTrue();
        anchor.ended("r1", "BYE");
        assertThat(recorded).containsExactly("r1 101 /rec/r1.wav");
    }

    @Test
    void theSameCallUnrecordedGoesDirect() {
        RelayAnchor anchor = anchor(RelayMode.AUTO, false);
        assertThat(anchor.offerToNewCall(
                        "r2",
                        "tagD",
                        RelayAnchorTest.LAN_D,
                        List.of(RelayAnchorTest.LAN_C),
                        List.of(),
                        RelayAnchorTest.LAN_OFFER,
                        involved))
                .isNull();
        assertThat(relay.opened).isEmpty();
    }

    @Test
    void anAnswerWithAnotherCodecIsNotRecordedAndRelayNeverRecordsNothing() {
        RelayAnchor anchor = anchor(RelayMode.AUTO, true);
        anchor.offerToNewCall(
                "r3",
                "tagD",
                RelayAnchorTest.LAN_D,
                List.of(RelayAnchorTest.LAN_C),
                List.of(),
                RelayAnchorTest.LAN_OFFER,
                involved);
        anchor.passing(
                "r3", org.tandem.media.relay.Side.CALLEE, RelayAnchorTest.LAN_C, RelayAnchorTest.LAN_D, OPUS_ANSWER);
        assertThat(relay.only().recordedTo).isEmpty();
        assertThat(anchor.isRecording("r3")).isFalse();
        anchor.ended("r3", "BYE");
        assertThat(recorded).isEmpty();

        RelayAnchor off = anchor(RelayMode.NEVER, true);
        assertThat(off.offerToNewCall(
                        "r4",
                        "tagD",
                        RelayAnchorTest.LAN_D,
                        List.of(RelayAnchorTest.LAN_C),
                        List.of(),
                        RelayAnchorTest.LAN_OFFER,
                        involved))
                .isNull();
        assertThat(relay.opened).hasSize(1);
    }

    /**
     * ON_DEMAND for the callee (102): the call is anchored between LAN phones; at the answer the relay watches the
     * callee's side for *1 with the telephone-event type both SDPs name; each *1 starts or stops a span, every span
     * handed on as a recording of its own; the caller's side is not watched.
     */
    @Test
    void anOnDemandUsersKeyCodeStartsAndStopsSpans() {
        onDemand = "102";
        RelayAnchor anchor = anchor(RelayMode.AUTO, false);
        assertThat(anchor.offerToNewCall(
                        "r5",
                        "tagD",
                        RelayAnchorTest.LAN_D,
                        List.of(RelayAnchorTest.LAN_C),
                        List.of(),
                        RelayAnchorTest.LAN_OFFER,
                        involved))
                .as("anchored so it can be recorded later")
                .isNotNull();
        RecordingRelay.Call call = relay.only();
        assertThat(call.keyCodes).isEmpty(); // ringing
        anchor.passing(
                "r5",
                org.tandem.media.relay.Side.CALLEE,
                RelayAnchorTest.LAN_C,
                RelayAnchorTest.LAN_D,
                RelayAnchorTest.C_ANSWER);
        assertThat(call.recordedTo).as("nothing recorded before the code").isEmpty();
        assertThat(call.keyCodes)
                .containsOnlyKeys(org.tandem.media.relay.Side.CALLEE)
                .containsEntry(org.tandem.media.relay.Side.CALLEE, "*1");
        assertThat(call.keyEventTypes.get(org.tandem.media.relay.Side.CALLEE)).containsExactly(101);
        Runnable code = call.onKeyCode.get(org.tandem.media.relay.Side.CALLEE);
        code.run();
        assertThat(anchor.isRecording("r5")).isTrue();
        code.run();
        assertThat(anchor.isRecording("r5")).isFalse();
        assertThat(recorded).containsExactly("r5 101 /rec/r5-1.wav");
        code.run();
        anchor.ended("r5", "BYE");
        assertThat(call.recordedTo).containsExactly(Path.of("/rec/r5-1.wav"), Path.of("/rec/r5-2.wav"));
        assertThat(recorded).containsExactly("r5 101 /rec/r5-1.wav", "r5 101 /rec/r5-2.wav");
        code.run(); // a code still queued when the call ended starts nothing
        assertThat(call.recordedTo).hasSize(2);
    }

    /**
     * The operator panel's Record / Stop recording (issue 18) on a call no rule records, anchored because the relay
     * carries every call: nothing before the answer, then a span from Record to Stop, listed as the call's parties';
     * an Opus call and a call the relay does not carry are refused with the reason.
     */
    @Test
    void theOperatorStartsAndStopsARecordingOfACallNoRuleRecords() {
        RelayAnchor anchor = anchor(RelayMode.ALWAYS, false);
        assertThat(anchor.record("r6", true))
                .as("not anchored")
                .isEqualTo(org.tandem.pbx.anchor.RecordingToggle.NOT_ANCHORED);
        anchor.offerToNewCall(
                "r6",
                "tagD",
                RelayAnchorTest.LAN_D,
                List.of(RelayAnchorTest.LAN_C),
                List.of(),
                RelayAnchorTest.LAN_OFFER,
                involved);
        assertThat(anchor.record("r6", true)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.NOT_ANSWERED);
        anchor.passing(
                "r6",
                org.tandem.media.relay.Side.CALLEE,
                RelayAnchorTest.LAN_C,
                RelayAnchorTest.LAN_D,
                RelayAnchorTest.C_ANSWER);
        RecordingRelay.Call call = relay.only();
        assertThat(call.recordedTo)
                .as("no rule: nothing recorded at the answer")
                .isEmpty();
        assertThat(anchor.record("r6", false)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.NOT_RECORDING);
        assertThat(anchor.record("r6", true)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.STARTED);
        assertThat(anchor.isRecording("r6")).isTrue();
        assertThat(anchor.record("r6", true)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.ALREADY_RECORDING);
        assertThat(anchor.record("r6", false)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.STOPPED);
        assertThat(recorded).containsExactly("r6 101 /rec/r6-1.wav");
        anchor.ended("r6", "BYE");
        assertThat(call.recordedTo).containsExactly(Path.of("/rec/r6-1.wav"));
        assertThat(anchor.record("r6", true)).as("ended").isEqualTo(org.tandem.pbx.anchor.RecordingToggle.NOT_ANCHORED);

        anchor.offerToNewCall(
                "r7",
                "tagD",
                RelayAnchorTest.LAN_D,
                List.of(RelayAnchorTest.LAN_C),
                List.of(),
                RelayAnchorTest.LAN_OFFER,
                involved);
        anchor.passing(
                "r7", org.tandem.media.relay.Side.CALLEE, RelayAnchorTest.LAN_C, RelayAnchorTest.LAN_D, OPUS_ANSWER);
        assertThat(anchor.record("r7", true)).isEqualTo(org.tandem.pbx.anchor.RecordingToggle.NOT_G711);
    }
}
