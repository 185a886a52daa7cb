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

    static final String OPUS_ANSWER = RelayAnchorTest.C_ANSWER.replace("RTP/AVP 8 101", "RTP/AVP 96 101")
            .replace("a=rtpmap:8 PCMA/8000", "a=rtpmap:96 opus/48000/2");

    final RecordingRelay relay = new RecordingRelay();
    final List<String> recorded = new ArrayList<>();
    final CallRecorder.Involved involved = new CallRecorder.Involved("101", List.of("102"), null, null);

    RelayAnchor anchor(RelayMode mode, boolean record) {
        LocalNetworks lan = LocalNetworks.of(List.of("10.0.0.0/24"));
        return new RelayAnchor(relay, new AnchorPolicy(mode, lan), host -> "10.0.0.1", id -> Runnable::run, e -> { },
                new CallRecorder() {
                    @Override
                    public Path recordTo(String callId, Involved who) {
                        return record ? Path.of("/rec/" + callId + ".wav") : null;
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
        String offer = anchor.offerToNewCall("r1", "tagD", RelayAnchorTest.LAN_D, List.of(RelayAnchorTest.LAN_C),
                List.of(), RelayAnchorTest.LAN_OFFER, involved);
        assertThat(offer).contains("c=IN IP4 10.0.0.1");
        RecordingRelay.Call call = relay.only();
        assertThat(call.recordedTo).isEmpty(); // ringing: nothing to record yet
        anchor.passing("r1", org.tandem.media.relay.Side.CALLEE, RelayAnchorTest.LAN_C, RelayAnchorTest.LAN_D,
                RelayAnchorTest.C_ANSWER);
        assertThat(call.recordedTo).containsExactly(Path.of("/rec/r1.wav"));
        assertThat(anchor.isRecording("r1")).isTrue();
        anchor.ended("r1", "BYE");
        assertThat(recorded).containsExactly("r1 101 /rec/r1.wav");
    }

    @Test
    void theSameCallUnrecordedGoesDirect() {
        RelayAnchor anchor = anchor(RelayMode.AUTO, false);
        assertThat(anchor.offerToNewCall("r2", "tagD", RelayAnchorTest.LAN_D, List.of(RelayAnchorTest.LAN_C),
                List.of(), RelayAnchorTest.LAN_OFFER, involved)).isNull();
        assertThat(relay.opened).isEmpty();
    }

    @Test
    void anAnswerWithAnotherCodecIsNotRecordedAndRelayNeverRecordsNothing() {
        RelayAnchor anchor = anchor(RelayMode.AUTO, true);
        anchor.offerToNewCall("r3", "tagD", RelayAnchorTest.LAN_D, List.of(RelayAnchorTest.LAN_C), List.of(),
                RelayAnchorTest.LAN_OFFER, involved);
        anchor.passing("r3", org.tandem.media.relay.Side.CALLEE, RelayAnchorTest.LAN_C, RelayAnchorTest.LAN_D,
                OPUS_ANSWER);
        assertThat(relay.only().recordedTo).isEmpty();
        assertThat(anchor.isRecording("r3")).isFalse();
        anchor.ended("r3", "BYE");
        assertThat(recorded).isEmpty();

        RelayAnchor off = anchor(RelayMode.NEVER, true);
        assertThat(off.offerToNewCall("r4", "tagD", RelayAnchorTest.LAN_D, List.of(RelayAnchorTest.LAN_C), List.of(),
                RelayAnchorTest.LAN_OFFER, involved)).isNull();
        assertThat(relay.opened).hasSize(1);
    }
}
