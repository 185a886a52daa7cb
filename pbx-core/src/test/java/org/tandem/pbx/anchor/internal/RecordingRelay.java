package org.tandem.pbx.anchor.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.tandem.media.relay.LegStats;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.RelayLeg;
import org.tandem.media.relay.Side;

/** A relay that forwards nothing and records what the anchor told each leg (the real one has its own tests). */
final class RecordingRelay implements MediaRelay {

    record Expected(InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux, InetAddress source, int clockRate) {}

    static final class Leg implements RelayLeg {
        final int port;
        final List<Expected> expected = new ArrayList<>();
        boolean held;
        org.tandem.media.ice.IceCredentials iceLocal;
        org.tandem.media.ice.IceCredentials iceRemote;

        Leg(int port) {
            this.port = port;
        }

        org.tandem.media.srtp.SdesCrypto srtpReceived;
        org.tandem.media.srtp.SdesCrypto srtpSent;
        String dtlsPeerFingerprint;
        int dtlsStarts;

        @Override
        public int localRtpPort() {
            return port;
        }

        @Override
        public void expect(
                InetSocketAddress sdpRtp,
                InetSocketAddress sdpRtcp,
                boolean rtcpMux,
                InetAddress signallingSource,
                int clockRate) {
            expected.add(new Expected(sdpRtp, sdpRtcp, rtcpMux, signallingSource, clockRate));
        }

        @Override
        public void iceLite(org.tandem.media.ice.IceCredentials local, org.tandem.media.ice.IceCredentials remote) {
            iceLocal = local;
            iceRemote = remote;
        }

        @Override
        public void srtp(org.tandem.media.srtp.SdesCrypto received, org.tandem.media.srtp.SdesCrypto sent) {
            srtpReceived = received;
            srtpSent = sent;
        }

        @Override
        public void dtlsSrtp(String peerFingerprint) {
            if (peerFingerprint != null && !peerFingerprint.equals(dtlsPeerFingerprint)) dtlsStarts++;
            dtlsPeerFingerprint = peerFingerprint;
        }

        @Override
        public void setHeld(boolean held) {
            this.held = held;
        }

        @Override
        public LegStats stats() {
            return new LegStats(0, 0, 0, 0, null, 0, 0, 0, -1, 0);
        }

        Expected last() {
            return expected.get(expected.size() - 1);
        }
    }

    final class Call implements RelayCall {
        final String callId;
        final RelayEvents events;
        final Map<Side, Leg> legs = new EnumMap<>(Side.class);
        boolean closed;

        Call(String callId, RelayEvents events) {
            this.callId = callId;
            this.events = events;
            legs.put(Side.CALLER, new Leg(nextPort));
            legs.put(Side.CALLEE, new Leg(nextPort + 2));
            nextPort += 4;
        }

        @Override
        public Leg leg(Side side) {
            return legs.get(side);
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** Where {@link #record} was asked to write, in order (the fake writes nothing). */
        final List<java.nio.file.Path> recordedTo = new ArrayList<>();

        @Override
        public org.tandem.media.relay.CallRecording record(java.nio.file.Path target) {
            recordedTo.add(target);
            return new org.tandem.media.relay.CallRecording() {
                @Override
                public java.util.concurrent.CompletableFuture<org.tandem.media.relay.RecordedAudio> stop() {
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            new org.tandem.media.relay.RecordedAudio(target, 0, 0, 0));
                }

                @Override
                public long packetsDropped() {
                    return 0;
                }
            };
        }

        /** The key codes watched for on each side (issue 18), their event payload types, and what each runs. */
        final Map<Side, String> keyCodes = new EnumMap<>(Side.class);

        final Map<Side, java.util.Set<Integer>> keyEventTypes = new EnumMap<>(Side.class);
        final Map<Side, Runnable> onKeyCode = new EnumMap<>(Side.class);

        @Override
        public void watchKeys(Side side, String code, java.util.Set<Integer> eventTypes, Runnable onCode) {
            keyCodes.put(side, code);
            keyEventTypes.put(side, java.util.Set.copyOf(eventTypes));
            onKeyCode.put(side, onCode);
        }

        @Override
        public org.tandem.media.relay.CallRecording recording() {
            return null;
        }

        /** What the anchor asked the relay to transcode, in order (nulls: stop). */
        final List<org.tandem.media.relay.Transcoding> transcodings = new ArrayList<>();

        org.tandem.media.relay.Transcoding transcoding;

        @Override
        public boolean canTranscode() {
            return canTranscode;
        }

        @Override
        public void transcode(org.tandem.media.relay.Transcoding t) {
            if (!canTranscode) throw new IllegalStateException("this relay cannot transcode");
            if (java.util.Objects.equals(t, transcoding)) return;
            transcoding = t;
            transcodings.add(t);
        }

        @Override
        public org.tandem.media.relay.Transcoding transcoding() {
            return transcoding;
        }
    }

    /** Whether the fake says it can transcode (the real relay: when Opus's native library loads). */
    boolean canTranscode;

    final List<Call> opened = new ArrayList<>();
    private int nextPort = 30000;

    @Override
    public RelayCall open(String callId, RelayEvents events, Executor callbackExecutor) {
        Call c = new Call(callId, events);
        opened.add(c);
        return c;
    }

    static final String FINGERPRINT = "sha-256 " + "AB:".repeat(31) + "AB";

    @Override
    public String dtlsFingerprint() {
        return FINGERPRINT;
    }

    @Override
    public int openCalls() {
        return (int) opened.stream().filter(c -> !c.closed).count();
    }

    @Override
    public long packetsRelayed() {
        return 0;
    }

    @Override
    public long packetsDropped() {
        return 0;
    }

    @Override
    public void close() {
        opened.forEach(Call::close);
    }

    /** The call's primary stream: the relayed call opened with it (its first audio m-line). */
    Call primary() {
        if (opened.isEmpty()) throw new AssertionError("no relayed call");
        return opened.get(0);
    }

    Call only() {
        if (opened.size() != 1) throw new AssertionError("expected one relayed call, got " + opened.size());
        return opened.get(0);
    }
}
