package org.tandem.media.internal;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jitsi.impl.neomedia.device.AudioSilenceMediaDevice;
import org.jitsi.impl.neomedia.transform.PacketTransformer;
import org.jitsi.impl.neomedia.transform.SinglePacketTransformerAdapter;
import org.jitsi.impl.neomedia.transform.TransformEngine;
import org.jitsi.service.libjitsi.LibJitsi;
import org.jitsi.service.neomedia.DefaultStreamConnector;
import org.jitsi.service.neomedia.MediaDirection;
import org.jitsi.service.neomedia.MediaService;
import org.jitsi.service.neomedia.MediaStream;
import org.jitsi.service.neomedia.MediaStreamTarget;
import org.jitsi.service.neomedia.RawPacket;
import org.jitsi.service.neomedia.TransmissionFailedException;
import org.jitsi.service.neomedia.format.MediaFormat;
import org.jitsi.service.neomedia.format.MediaFormatFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.srtp.Sdes;

/**
 * The RTP/RTCP transport of one session: a libjitsi {@link MediaStream} on our socket pair, with the
 * silence device (docs/media/libjitsi.md). libjitsi owns the sockets' receive threads and RTCP; received RTP
 * packets are handed to our nodes through an external {@link TransformEngine}, and our encoded frames go
 * out through {@link MediaStream#injectPacket} (docs/media/libjitsi.md: file-locator devices fail for prompts).
 */
final class JitsiRtpTransport {

    private static final Logger log = LoggerFactory.getLogger(JitsiRtpTransport.class);

    private final MediaStream stream;
    private final SdesSrtpControl srtp = new SdesSrtpControl();

    JitsiRtpTransport(
            PortAllocator.PortPair ports,
            AudioCodec codec,
            int payloadType,
            int dtmfPayloadType,
            Consumer<RawPacket> receiver) {
        MediaService media = LibJitsi.getMediaService();
        // our SRTP in libjitsi's SRTP slot: it passes plain RTP untouched until an offer brings SDES keys (issue 22)
        stream = media.createMediaStream(
                new DefaultStreamConnector(ports.rtp(), ports.rtcp()), new AudioSilenceMediaDevice(), srtp);
        MediaFormatFactory formats = media.getFormatFactory();
        MediaFormat format = codec == AudioCodec.OPUS
                ? formats.createMediaFormat(codec.encodingName, codec.rtpClockRate, 2)
                : formats.createMediaFormat(codec.encodingName, codec.rtpClockRate);
        if (payloadType != codec.staticPayloadType) stream.addDynamicRTPPayloadType((byte) payloadType, format);
        stream.setFormat(format);
        if (dtmfPayloadType >= 0) {
            stream.addDynamicRTPPayloadType((byte) dtmfPayloadType, formats.createMediaFormat("telephone-event", 8000));
        }
        // RECVONLY: libjitsi must not send its own (silence) stream next to the frames we inject
        stream.setDirection(MediaDirection.RECVONLY);
        stream.setExternalTransformer(new TransformEngine() {
            @Override
            public PacketTransformer getRTPTransformer() {
                return new SinglePacketTransformerAdapter() {
                    @Override
                    public RawPacket reverseTransform(RawPacket packet) {
                        receiver.accept(packet);
                        return packet;
                    }
                };
            }

            @Override
            public PacketTransformer getRTCPTransformer() {
                return null;
            }
        });
        stream.setName("rtp-" + ports.rtpPort());
    }

    void start(InetSocketAddress rtp, InetSocketAddress rtcp) {
        target(rtp, rtcp);
        stream.start();
    }

    void target(InetSocketAddress rtp, InetSocketAddress rtcp) {
        if (rtp != null) stream.setTarget(new MediaStreamTarget(rtp, rtcp));
    }

    /** The SDES keys of the current offer/answer (RFC 4568), or null for plain RTP. */
    void srtp(Sdes.Choice keys) {
        srtp.keys(keys);
    }

    /** SRTP/SRTCP packets dropped for failing authentication or replay. */
    long srtpAuthFailures() {
        return srtp.authFailures();
    }

    long localSsrc() {
        return stream.getLocalSourceID();
    }

    void send(byte[] packet) {
        try {
            stream.injectPacket(new RawPacket(packet, 0, packet.length), true, null);
        } catch (TransmissionFailedException e) {
            log.debug("RTP send on {} failed", stream.getName(), e);
        }
    }

    /** Stops the stream and closes both sockets (may take a few ms: call it off the SIP threads). */
    void close() {
        try {
            stream.stop();
        } finally {
            stream.close();
        }
    }
}
