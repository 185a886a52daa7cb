package org.tandem.media.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jitsi.impl.neomedia.AbstractRTPConnector;
import org.jitsi.impl.neomedia.transform.PacketTransformer;
import org.jitsi.impl.neomedia.transform.SinglePacketTransformer;
import org.jitsi.service.neomedia.RawPacket;
import org.jitsi.service.neomedia.SrtpControl;
import org.jitsi.service.neomedia.SrtpControlType;
import org.jitsi.service.neomedia.event.SrtpListener;
import org.jitsi.utils.MediaType;
import org.tandem.media.srtp.Sdes;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.srtp.SrtpContext;

/**
 * SRTP with SDES keys (RFC 4568) for a media-service session, in libjitsi's SRTP slot of the stream's transform chain
 * (after every other engine on the way out, before them on the way in, where libjitsi's own SRTP would sit). The
 * cipher is ours ({@link SrtpContext}, the relay's too): one implementation of RFC 3711 in the appliance. Without keys
 * (a plain RTP call) packets pass untouched; a re-offer may change the keys at any time ({@link #keys}).
 * <p>
 * libjitsi sends RTP on the media clock and RTCP on its own thread, and receives them on two more: each context is
 * used under its own lock, since an {@link SrtpContext} is not thread-safe.
 */
final class SdesSrtpControl implements SrtpControl {

    /** The contexts of one key pair: ours encrypts what we send, the party's decrypts what it sends. */
    private record Keys(SdesCrypto oursKey, SdesCrypto theirsKey, SrtpContext send, SrtpContext receive) {}

    private volatile Keys keys;
    private final AtomicLong authFailures = new AtomicLong();
    private final Engine engine = new Engine();

    /**
     * The keys of the current offer/answer, or null for plain RTP. A party that keeps its key keeps our receiving
     * context (its replay window and rollover counter, RFC 3711 §3.3.1); a new key starts a new one.
     */
    void keys(Sdes.Choice choice) {
        Keys old = keys;
        if (choice == null) {
            keys = null;
            return;
        }
        SrtpContext send =
                old != null && old.oursKey().equals(choice.local()) ? old.send() : SrtpContext.of(choice.local());
        SrtpContext receive = old != null && old.theirsKey().equals(choice.remote())
                ? old.receive()
                : SrtpContext.of(choice.remote());
        keys = new Keys(choice.local(), choice.remote(), send, receive);
    }

    /** Packets dropped because they failed SRTP/SRTCP authentication or were replays (RFC 3711 §3.3). */
    long authFailures() {
        return authFailures.get();
    }

    private final class Engine implements SrtpControl.TransformEngine {
        private final PacketTransformer rtp = new Transformer(true);
        private final PacketTransformer rtcp = new Transformer(false);

        @Override
        public PacketTransformer getRTPTransformer() {
            return rtp;
        }

        @Override
        public PacketTransformer getRTCPTransformer() {
            return rtcp;
        }

        @Override
        public void cleanup() {
            keys = null;
        }
    }

    private final class Transformer extends SinglePacketTransformer {
        private final boolean isRtp;

        Transformer(boolean isRtp) {
            this.isRtp = isRtp;
        }

        @Override
        public RawPacket transform(RawPacket packet) {
            Keys k = keys;
            if (k == null || packet == null) return packet;
            byte[] p = Arrays.copyOfRange(
                    packet.getBuffer(),
                    packet.getOffset(),
                    packet.getOffset() + packet.getLength() + k.send().overhead());
            int length;
            synchronized (k.send()) {
                length = isRtp
                        ? k.send().protectRtp(p, packet.getLength())
                        : k.send().protectRtcp(p, packet.getLength());
            }
            return length < 0 ? null : new RawPacket(p, 0, length); // the key's lifetime is used up: send nothing
        }

        @Override
        public RawPacket reverseTransform(RawPacket packet) {
            Keys k = keys;
            if (k == null || packet == null) return packet;
            byte[] p =
                    Arrays.copyOfRange(packet.getBuffer(), packet.getOffset(), packet.getOffset() + packet.getLength());
            int length;
            synchronized (k.receive()) {
                length = isRtp
                        ? k.receive().unprotectRtp(p, p.length)
                        : k.receive().unprotectRtcp(p, p.length);
            }
            if (length < 0) { // RFC 3711 §3.3: a packet that fails authentication is dropped, never played
                authFailures.incrementAndGet();
                return null;
            }
            return new RawPacket(p, 0, length);
        }
    }

    @Override
    public SrtpControl.TransformEngine getTransformEngine() {
        return engine;
    }

    @Override
    public SrtpControlType getSrtpControlType() {
        return SrtpControlType.SDES;
    }

    @Override
    public boolean getSecureCommunicationStatus() {
        return keys != null;
    }

    @Override
    public boolean requiresSecureSignalingTransport() {
        return true; // RFC 4568 §8.3: the keys are in the SDP
    }

    @Override
    public void cleanup(Object user) {
        keys = null;
    }

    @Override
    public SrtpListener getSrtpListener() {
        return null;
    }

    @Override
    public void setSrtpListener(SrtpListener listener) {
        // SDES keys come with the SDP: no handshake whose progress anyone waits for
    }

    @Override
    public void setConnector(AbstractRTPConnector connector) {
        // SDES needs no connection of its own (DTLS and ZRTP do)
    }

    @Override
    public void setMasterSession(boolean master) {
        // ZRTP only
    }

    @Override
    public void setMultistream(SrtpControl master) {
        // ZRTP only
    }

    @Override
    public void start(MediaType type) {
        // the keys are set from the offer/answer before the stream starts
    }

    @Override
    public void registerUser(Object user) {
        // one stream per control
    }
}
