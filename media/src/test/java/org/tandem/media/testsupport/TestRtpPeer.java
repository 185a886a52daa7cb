package org.tandem.media.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.media.internal.AudioCodec;
import org.tandem.media.internal.DtmfDetector;
import org.tandem.media.internal.FrameCodec;
import org.tandem.media.internal.RtpPacket;

/**
 * A tiny RTP peer for tests (a phone's media side): offers SDP, sends a tone or WAV samples as G.711 at
 * real-time pace and RFC 4733 digits, and records everything it receives (decoded audio, raw packets).
 * One sender and one receiver thread, both ended by {@link #close()}.
 */
public final class TestRtpPeer implements AutoCloseable {

    public static final int DTMF_PT = 101;
    /** The dynamic payload type this peer offers Opus on (as browsers do). */
    public static final int OPUS_PT = 111;

    private final DatagramChannel channel;
    private final ExecutorService threads;
    private final AudioCodec codec;
    private final FrameCodec coder;
    private final int payloadType;
    private final List<byte[]> packets = new ArrayList<>();
    private short[] received = new short[8000];
    private int receivedCount;
    private volatile InetSocketAddress remote;
    private int sequence = 1000;
    private long timestamp = 50_000;
    private final long ssrc = 0x1234_5678L;
    // SRTP (issue 22) by jitsi-srtp, an implementation independent of the appliance's: our key and the answer's
    private volatile org.tandem.media.srtp.SdesCrypto srtpKey;
    private volatile org.tandem.media.srtp.JitsiSrtp srtpSend;
    private volatile org.tandem.media.srtp.JitsiSrtp srtpReceive;
    private int srtpFailures;

    public TestRtpPeer(AudioCodec codec) throws IOException {
        this.codec = codec;
        this.coder = codec.newFrameCodec();
        this.payloadType = codec == AudioCodec.OPUS ? OPUS_PT : codec.staticPayloadType;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-rtp-peer-" + port());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::receiveLoop);
    }

    public TestRtpPeer() throws IOException {
        this(AudioCodec.PCMU);
    }

    public int port() {
        return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
    }

    /** Where this peer listens and where the answer pointed it, for a failure message. */
    public String where() {
        return "listening on port " + port() + ", the answer's media at " + (remote == null ? "none" : remote);
    }

    /** An offer like a desk phone's: PCMU, PCMA, telephone-event/8000 on 101, 20 ms, sendrecv. */
    public String offer() {
        return offer("sendrecv");
    }

    /**
     * From now on this peer is an SRTP phone: it offers RTP/SAVP with a fresh SDES key of its own (RFC 4568), sends
     * its RTP encrypted with it and decrypts what it gets with the key of the answer's a=crypto.
     */
    public TestRtpPeer withSrtp() {
        return withSrtpKey(org.tandem.media.srtp.SdesCrypto.generate(
                1, org.tandem.media.srtp.CryptoSuite.AES_CM_128_HMAC_SHA1_80));
    }

    /** As {@link #withSrtp()} with {@code key} (a re-offer under a new key: RFC 4568 §7.1.4). */
    public synchronized TestRtpPeer withSrtpKey(org.tandem.media.srtp.SdesCrypto key) {
        srtpKey = key;
        srtpSend = new org.tandem.media.srtp.JitsiSrtp(key, true);
        return this;
    }

    /** Received packets that failed SRTP authentication once the answer gave the key. */
    public synchronized int srtpFailures() {
        return srtpFailures;
    }

    public String offer(String direction) {
        org.tandem.media.srtp.SdesCrypto key = srtpKey;
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + (key != null ? " RTP/SAVP " : " RTP/AVP ") + payloadType + " " + DTMF_PT
                + "\r\n"
                + (key != null ? "a=crypto:" + key.format() + "\r\n" : "")
                + "a=rtpmap:" + payloadType + " " + codec.rtpmap + "\r\n"
                + "a=rtpmap:" + DTMF_PT + " telephone-event/" + codec.rtpClockRate + "\r\na=fmtp:" + DTMF_PT
                + " 0-16\r\n"
                + "a=ptime:20\r\na=" + direction + "\r\n";
    }

    /** Takes the session's address and port from its SDP answer. */
    public void answeredBy(String answerSdp) {
        Matcher c = Pattern.compile("c=IN IP[46] (\\S+)").matcher(answerSdp);
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(answerSdp);
        if (!c.find() || !m.find()) throw new IllegalArgumentException("no c=/m=audio in " + answerSdp);
        if (srtpKey != null) {
            Matcher crypto = Pattern.compile("a=crypto:([^\r\n]+)").matcher(answerSdp);
            if (!answerSdp.contains("RTP/SAVP") || !crypto.find()) {
                throw new IllegalArgumentException(
                        "an SRTP offer answered without RTP/SAVP and a=crypto: " + answerSdp);
            }
            srtpReceive =
                    new org.tandem.media.srtp.JitsiSrtp(org.tandem.media.srtp.SdesCrypto.parse(crypto.group(1)), false);
        }
        remote = new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
    }

    /** Sends {@code pcm} in 20 ms packets at real-time pace; the future ends after the last packet. */
    public Future<?> send(short[] pcm) {
        return threads.submit(() -> {
            long start = System.nanoTime();
            byte[] payload = new byte[1500];
            short[] frame = new short[160];
            for (int off = 0, k = 0; off < pcm.length; off += 160, k++) {
                LockSupport.parkNanos(start + k * 20_000_000L - System.nanoTime());
                int n = Math.min(160, pcm.length - off);
                System.arraycopy(pcm, off, frame, 0, n);
                java.util.Arrays.fill(frame, n, 160, (short) 0);
                int length = coder.encode(frame, 160, payload);
                sendPacket(RtpPacket.build(payloadType, off == 0, nextSeq(), timestamp, ssrc, payload, length));
                timestamp += codec.timestampStep(160);
            }
            return null;
        });
    }

    /** Replays captured RTP (e.g. {@link Pcap#udp}) at the capture's pace, packets unchanged. */
    public Future<?> replay(List<Pcap.Datagram> capture) {
        return threads.submit(() -> {
            long start = System.nanoTime();
            long first = capture.isEmpty() ? 0 : capture.get(0).micros();
            for (Pcap.Datagram d : capture) {
                LockSupport.parkNanos(start + (d.micros() - first) * 1000 - System.nanoTime());
                sendPacket(d.payload());
            }
            return null;
        });
    }

    /**
     * Sends one RFC 4733 digit as phones do: the first report three times (marker on the first), updates
     * every 20 ms, then the end report three times (§2.5.1.4), all with the event's start timestamp.
     */
    public Future<?> sendDigit(char digit, int durationMs) {
        int event = DtmfDetector.eventCode(digit);
        return threads.submit(() -> {
            long eventTs = timestamp;
            long start = System.nanoTime();
            int steps = Math.max(1, durationMs / 20);
            int k = 0;
            for (int i = 0; i < 3; i++) sendPacket(dtmfPacket(event, i == 0, eventTs, 0, false));
            int unit = codec.timestampStep(160); // durations count in the RTP clock (RFC 4733 §2.5.1.3)
            for (int step = 1; step <= steps; step++) {
                LockSupport.parkNanos(start + (++k) * 20_000_000L - System.nanoTime());
                sendPacket(dtmfPacket(event, false, eventTs, step * unit, step == steps));
            }
            for (int i = 0; i < 2; i++) sendPacket(dtmfPacket(event, false, eventTs, steps * unit, true));
            timestamp += codec.timestampStep((steps + 1) * 160);
            LockSupport.parkNanos(60_000_000L); // inter-digit gap
            return null;
        });
    }

    private byte[] dtmfPacket(int event, boolean marker, long eventTs, int duration, boolean end) {
        byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        return RtpPacket.build(DTMF_PT, marker, nextSeq(), eventTs, ssrc, p, 4);
    }

    private synchronized int nextSeq() {
        return sequence++ & 0xFFFF;
    }

    private void sendPacket(byte[] packet) throws IOException {
        org.tandem.media.srtp.JitsiSrtp protect = srtpSend;
        if (protect != null) {
            try {
                packet = protect.protectRtp(packet);
            } catch (Exception e) {
                throw new IOException("SRTP protect: " + e.getMessage(), e);
            }
        }
        channel.send(ByteBuffer.wrap(packet), remote);
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                channel.receive(buf);
                buf.flip();
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                if (srtpKey != null) {
                    org.tandem.media.srtp.JitsiSrtp unprotect = srtpReceive;
                    if (unprotect == null) continue; // before the answer: no key yet, as a phone would drop it
                    try {
                        bytes = unprotect.unprotectRtp(bytes);
                    } catch (Exception e) {
                        bytes = null;
                    }
                    if (bytes == null) {
                        synchronized (this) {
                            srtpFailures++;
                        }
                        continue;
                    }
                }
                RtpPacket p = RtpPacket.parse(bytes, 0, bytes.length);
                if (p == null) continue;
                synchronized (this) {
                    packets.add(bytes);
                    if (p.payloadType() == payloadType) {
                        short[] pcm = coder.decode(p.buffer(), p.payloadOffset(), p.payloadLength());
                        if (receivedCount + pcm.length > received.length) {
                            received = java.util.Arrays.copyOf(received, received.length * 2 + pcm.length);
                        }
                        System.arraycopy(pcm, 0, received, receivedCount, pcm.length);
                        receivedCount += pcm.length;
                    }
                    notifyAll();
                }
            }
        } catch (ClosedChannelException e) {
            // closed by close()
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything received so far, decoded, in arrival order. */
    public synchronized short[] received() {
        return java.util.Arrays.copyOf(received, receivedCount);
    }

    public synchronized List<byte[]> packets() {
        return new ArrayList<>(packets);
    }

    /** Waits (bounded) until at least {@code samples} audio samples arrived; returns what arrived. */
    public synchronized short[] awaitSamples(int samples, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (receivedCount < samples) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) break;
            wait(left);
        }
        return received();
    }

    /** Forgets what was received so far. */
    public synchronized void clearReceived() {
        receivedCount = 0;
        packets.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        coder.close();
    }
}
