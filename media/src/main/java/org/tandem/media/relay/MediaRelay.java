package org.tandem.media.relay;

import java.util.concurrent.Executor;
import org.tandem.media.MediaCapacityException;

/**
 * The NAT media relay (anchor): a call's RTP and RTCP pass through two of our port pairs, one facing each party, and
 * are copied datagram by datagram (no decoding) from one face to the other. Each face latches onto the address its
 * party really sends from (symmetric RTP), so parties behind NAT hear each other without any address of theirs
 * reaching the other side.
 * A face may speak SRTP ({@link RelayLeg#srtp}): then the relay decrypts what comes in on it and encrypts what goes
 * out of it with that face's own keys, so an SRTP phone and a plain-RTP phone or trunk can talk, and two SRTP phones
 * never learn each other's keys. Ports come from the same range as the media services' ({@code tandem.media.rtp-port-*}).
 */
public interface MediaRelay extends AutoCloseable {

    /**
     * Opens a relayed call with both legs' port pairs allocated (nothing is forwarded until a leg is told where its
     * party is with {@link RelayLeg#expect}).
     *
     * @param callId           for logs and metrics
     * @param events           told when a stream goes dead; null when nobody is (pbx-core: a call's video stream,
     *                         whose silence ends no call)
     * @param callbackExecutor where events run (pbx-core: the call's Call-ID stripe)
     * @throws MediaCapacityException no free port pairs: answer SIP 503
     */
    RelayCall open(String callId, RelayEvents events, Executor callbackExecutor);

    /**
     * The relay's DTLS certificate fingerprint (RFC 8122: {@code sha-256 AB:CD:...}) for the a=fingerprint of the SDP
     * a WebRTC party gets ({@link RelayLeg#dtlsSrtp}).
     */
    default String dtlsFingerprint() {
        throw new UnsupportedOperationException("DTLS-SRTP");
    }

    /** Relayed calls open now: relayed streams, as pbx-core opens one per RTP m-line (audio, video) of a call. */
    int openCalls();

    /** Datagrams relayed since start. */
    long packetsRelayed();

    /** Datagrams refused or undeliverable since start: strangers (RTP bleed), nothing expected yet, full buffers. */
    long packetsDropped();

    /** SRTP/SRTCP packets dropped since start because they failed authentication or were replays (RFC 3711 §3.3). */
    default long srtpAuthFailures() {
        return 0;
    }

    /** Stops forwarding, closes every call's sockets. */
    @Override
    void close();
}
