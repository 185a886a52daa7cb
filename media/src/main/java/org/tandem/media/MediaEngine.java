package org.tandem.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.concurrent.Executor;

/** Entry point of the media module: answers SDP offers with RTP sessions and makes conference mixers. */
public interface MediaEngine extends AutoCloseable {

    /**
     * Answers {@code sdpOffer} with a new RTP session on a free even/odd port pair.
     *
     * @param events           told about DTMF and RTP timeouts
     * @param callbackExecutor where events and completions run (pbx-core: the call's Call-ID stripe)
     * @throws NoCommonCodecException no usable audio stream: answer SIP 488
     * @throws InvalidSdpException     the offer does not parse: answer SIP 400
     * @throws MediaCapacityException  no free port pair: answer SIP 503
     */
    MediaSession answer(String sdpOffer, MediaEvents events, Executor callbackExecutor) throws NoCommonCodecException;

    /**
     * As {@link #answer(String, MediaEvents, Executor)}, for a party whose SIP came from {@code signallingSource}: the
     * session latches onto the address that party's RTP really comes from (its SIP or SDP IP, any port), so a phone
     * behind NAT whose SDP names its private address still hears the service (symmetric RTP).
     */
    default MediaSession answer(
            String sdpOffer, InetAddress signallingSource, MediaEvents events, Executor callbackExecutor)
            throws NoCommonCodecException {
        return answer(sdpOffer, events, callbackExecutor);
    }

    /**
     * As {@link #answer(String, java.net.InetAddress, MediaEvents, Executor)}, for a party whose SIP came over a
     * transport {@code srtp} describes: an RTP/SAVP offer with SDES keys (RFC 4568) is answered with SRTP where
     * {@code tandem.media.srtp} and the transport allow it (only over SIP-TLS, RFC 4568 §8.3).
     *
     * @param secureSignalling the party's SIP came over TLS
     * @throws org.tandem.media.srtp.SdesException the offer's SRTP (or its absence, when required) is not acceptable:
     *                                             answer SIP 488 with the exception's message as the reason
     */
    default MediaSession answer(
            String sdpOffer,
            InetAddress signallingSource,
            boolean secureSignalling,
            MediaEvents events,
            Executor callbackExecutor)
            throws NoCommonCodecException {
        return answer(sdpOffer, signallingSource, events, callbackExecutor);
    }

    /**
     * A session that only sends, to the IP multicast group {@code group} (RFC 1112; RFC 3550 §2.1): what it is given
     * (the mix of a mixer it joins, a prompt it plays) goes out as RTP, G.711 PCMU in 20 ms packets (RFC 3551), through
     * the interface {@code via} (null: the one routing chooses), to the local network only (TTL 1). Nothing is
     * expected back, so it never times out; its owner closes it.
     *
     * @throws IllegalArgumentException {@code group} is not an IPv4 multicast address
     * @throws MediaCapacityException   no free port pair
     */
    MediaSession multicast(InetSocketAddress group, NetworkInterface via, Executor callbackExecutor);

    ConferenceMixer createConference();

    /** Number of open sessions. */
    int openSessions();

    /**
     * Sessions being recorded now (a voicemail message, a greeting). Their audio is in memory until the recording
     * ends, then written to the recording directory; a crash before that loses it.
     */
    int recordingsInProgress();

    @Override
    void close();
}
