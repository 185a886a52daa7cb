package org.tandem.pbx.anchor.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.relay.CallRecording;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.Side;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.anchor.RecordingToggle;

/**
 * The recording side of one anchored call (issue 18). What the rules planned ({@link CallRecorder.Plan}) is acted on
 * at the callee's first SDP: ALWAYS starts the relay's recorder at once; ON_DEMAND arms the relay's key-code watch on
 * the side of each user whose rule says so, and each time that party dials the code ({@code *1}, RFC 4733 on its own
 * stream) a recording starts or stops. Each span is a recording of its own, listed under the call's Call-ID. Only a
 * call whose callee chose G.711 (PCMU 0, PCMA 8, RFC 3551 §6) or that the relay transcodes to it is recorded: the
 * recorder decodes nothing else. The operator panel starts and stops one the same way ({@link #operator}). On the
 * call's Call-ID stripe only.
 */
final class CallTap {

    private static final Logger log = LoggerFactory.getLogger(CallTap.class);

    private final String callId;
    private final CallRecorder recorder;
    private CallRecorder.Plan plan;
    private CallRecorder.Involved involved;
    private final Set<Integer> eventTypes = new TreeSet<>();
    private boolean answered;
    private boolean ended;
    private CallRecording recording;
    private Instant started;
    /** Whether the callee's last SDP gives the recorder G.711 (null before the callee's SDP), and its codec. */
    private Boolean g711;

    private Integer calleeCodec;

    CallTap(String callId, CallRecorder recorder) {
        this.callId = callId;
        this.recorder = recorder;
    }

    /** The first ring step the rules record something of decides (a later step may ring someone recorded). */
    void planned(CallRecorder.Plan plan, CallRecorder.Involved involved) {
        if (this.involved == null) this.involved = involved; // whose call it is, for a recording the operator starts
        if (plan == null || this.plan != null) return;
        this.plan = plan;
        this.involved = involved;
    }

    /** The payload types of RFC 4733 telephone-event in an SDP of the call (either party may send with either). */
    void saw(MediaDescription audio) {
        if (audio == null) return;
        audio.rtpmaps().forEach((pt, map) -> {
            if (map.split("/")[0].trim().equalsIgnoreCase("telephone-event")) eventTypes.add(pt);
        });
    }

    /** The callee's first SDP: recording starts (ALWAYS) or the key code is watched for (ON_DEMAND). */
    void answered(RelayCall primary, SessionDescription answer) {
        if (answered || primary.isClosed()) return;
        Integer codec = firstCodec(answer);
        boolean transcoded = primary.transcoding() != null; // the relay has G.711 of both parties (issue 16)
        calleeCodec = codec;
        g711 = transcoded || (codec != null && (codec == 0 || codec == 8));
        if (plan == null) return;
        answered = true;
        if (!g711) {
            log.warn(
                    "Call {}: not recorded: the callee answered with payload type {}, not G.711 (PCMU 0 / PCMA 8)",
                    callId,
                    codec);
            return;
        }
        if (plan.always() != null) {
            start(primary, plan.always());
            return;
        }
        Set<Side> sides = EnumSet.noneOf(Side.class);
        if (involved.callerExtension() != null && plan.onDemand().contains(involved.callerExtension())) {
            sides.add(Side.CALLER);
        }
        if (involved.calleeExtensions().stream().anyMatch(plan.onDemand()::contains)) sides.add(Side.CALLEE);
        if (eventTypes.isEmpty()) {
            log.info(
                    "Call {}: recorded on demand, but no party offered RFC 4733 telephone-event: {} cannot be dialled",
                    callId,
                    plan.keyCode());
            return;
        }
        for (Side side : sides) primary.watchKeys(side, plan.keyCode(), eventTypes, () -> toggle(primary, side));
        log.debug("Call {}: {} starts and stops recording for the {}", callId, plan.keyCode(), sides);
    }

    /**
     * The operator starts ({@code start}) or stops a recording of the answered call from the operator panel (issue 18),
     * as its party's key code would: the same recorder, file and listing.
     */
    RecordingToggle operator(RelayCall primary, boolean start) {
        if (ended || primary.isClosed()) return RecordingToggle.NO_CALL;
        if (!start) {
            if (recording == null) return RecordingToggle.NOT_RECORDING;
            log.info("Call {}: recording stopped by the operator", callId);
            stop();
            return RecordingToggle.STOPPED;
        }
        if (recording != null) return RecordingToggle.ALREADY_RECORDING;
        if (g711 == null) return RecordingToggle.NOT_ANSWERED;
        if (!g711) {
            log.info("Call {}: not recorded: the callee answered with payload type {}, not G.711", callId, calleeCodec);
            return RecordingToggle.NOT_G711;
        }
        Path file = recorder.fileFor(callId);
        if (file == null) return RecordingToggle.DISK_LOW;
        if (involved == null) involved = new CallRecorder.Involved(null, List.of(), null, null);
        log.info("Call {}: recording started by the operator", callId);
        start(primary, file);
        return RecordingToggle.STARTED;
    }

    /** The party on {@code side} dialled the key code: a recording starts, or the running one stops. */
    private void toggle(RelayCall primary, Side side) {
        if (ended || primary.isClosed()) return;
        String who = side.name().toLowerCase(Locale.ROOT);
        if (recording != null) {
            log.info("Call {}: recording stopped by the {}", callId, who);
            stop();
            return;
        }
        Path file = recorder.fileFor(callId);
        if (file == null) return; // the disk is low: the recorder said so
        log.info("Call {}: recording started by the {}", callId, who);
        start(primary, file);
    }

    private void start(RelayCall primary, Path file) {
        recording = primary.record(file);
        started = Instant.now();
        log.info("Call {}: recording to {}", callId, file.getFileName());
        // both parties hear it, not the file
        if (plan != null && plan.announcement() != null) primary.announce(plan.announcement());
    }

    /** Stops the running recording and hands the finished file to the recorder. */
    private void stop() {
        CallRecording running = recording;
        recording = null;
        if (running == null) return;
        CallRecorder.Involved who = involved;
        Instant from = started;
        running.stop().whenComplete((audio, failure) -> {
            if (failure != null) {
                log.warn("Call {}: its recording was lost: {}", callId, failure.toString());
            } else {
                recorder.recorded(callId, who, from, audio);
            }
        });
    }

    /** The call is over: a running recording is finished. */
    void ended() {
        ended = true;
        stop();
    }

    boolean isRecording() {
        return recording != null;
    }

    /** The first payload type of the audio stream that is a codec: not RFC 4733 events nor RFC 3389 comfort noise. */
    private static Integer firstCodec(SessionDescription sdp) {
        var audio = sdp.firstAudio();
        if (audio == null || audio.port() == 0) return null;
        Map<Integer, String> maps = audio.rtpmaps();
        for (int pt : audio.payloadTypes()) {
            String name = maps.getOrDefault(pt, "").split("/")[0].trim();
            if (pt == 13 || name.equalsIgnoreCase("telephone-event") || name.equalsIgnoreCase("CN")) continue;
            return pt;
        }
        return null;
    }
}
