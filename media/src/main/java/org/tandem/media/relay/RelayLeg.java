package org.tandem.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.tandem.media.ice.IceCredentials;
import org.tandem.media.srtp.SdesCrypto;

/**
 * The relay's face towards one party: an even local RTP port and the next odd one for RTCP (RFC 3550 §11). What goes
 * into the SDP sent <em>to</em> this party is this leg's port; the party sends its media here.
 */
public interface RelayLeg {

    /** Even; RTCP is {@code localRtpPort() + 1} unless the party multiplexes (RFC 5761). */
    int localRtpPort();

    /**
     * Where the party said (in its SDP) it receives, and where its signalling came from. Until a packet arrives the
     * relay sends to {@code sdpRtp}/{@code sdpRtcp}; the first packet from an allowed source latches that exact
     * address and port (symmetric RTP, as phones behind NAT need), and from then on only that source is relayed and
     * everything goes back to it. Allowed sources: the IP the signalling came from or the SDP's IP (any port), or
     * any address when the relay is set to latch any ({@code tandem.media.latch-any-address}). Calling it again (a new
     * offer or answer: re-INVITE, UPDATE, hold, resume) forgets the latched addresses, so the party may re-latch.
     *
     * @param sdpRtp            the party's RTP address from its SDP; null when it said none (c=0.0.0.0 hold, port 0)
     * @param sdpRtcp           its RTCP address (RFC 3605 a=rtcp, or RTP + 1); ignored when {@code rtcpMux}
     * @param rtcpMux           the party sends and takes RTCP on its RTP port (RFC 5761 a=rtcp-mux)
     * @param signallingSource  the IP the party's SIP came from
     * @param clockRate         RTP clock rate of the negotiated codec (8000 for G.711), for jitter (RFC 3550 A.8)
     */
    void expect(
            InetSocketAddress sdpRtp,
            InetSocketAddress sdpRtcp,
            boolean rtcpMux,
            InetAddress signallingSource,
            int clockRate);

    /**
     * While held (this party is told to send nothing: sendonly/inactive towards it, or it put the call on hold), a
     * silent stream from it is not dead.
     */
    void setHeld(boolean held);

    /**
     * ICE-lite towards this leg's party (RFC 8445 §2.5): its offer carried ICE, so the SDP it gets names this leg as
     * the relay's candidate with {@code local} credentials, and the connectivity checks it sends to this leg's ports
     * are answered from them; a nominated check (USE-CANDIDATE, signed with our password) latches its source, from
     * any address (the check itself authenticates it). Null turns ICE off again (a new offer without ICE).
     *
     * @param remote the party's ufrag and pwd from its SDP; null accepts any peer ufrag (the password authenticates)
     */
    void iceLite(IceCredentials local, IceCredentials remote);

    /**
     * SRTP towards this leg's party (RFC 3711, keys by SDES, RFC 4568): what the party sends is checked and decrypted
     * with {@code received} (the key in the party's own SDP), what the relay sends it is encrypted with {@code sent}
     * (the relay's own key, in the SDP the party gets; never the other party's). RTCP goes as SRTCP with the same
     * keys. A packet that fails authentication is dropped and counted ({@link LegStats#srtpAuthFailures}). Nulls:
     * plain RTP on this face. Calling it again with the same keys keeps the streams' state (a re-INVITE that keeps
     * its keys); new keys start afresh.
     */
    void srtp(SdesCrypto received, SdesCrypto sent);

    /**
     * DTLS-SRTP towards this leg's party (RFC 5763/5764: a WebRTC endpoint). The relay is the DTLS server (the SDP
     * the party gets says {@code a=setup:passive} and carries {@link MediaRelay#dtlsFingerprint}); the party's
     * certificate must have {@code peerFingerprint} (its SDP's a=fingerprint, RFC 5763 §6.7.1). Until the handshake
     * has given the keys, nothing from the party is relayed; then its SRTP is checked and decrypted and what it gets is
     * encrypted, as with SDES keys. A failed handshake is reported ({@link RelayEvents#dtlsFailed}). Calling it again
     * with the same fingerprint keeps the session (a re-INVITE); another fingerprint starts a new handshake; null
     * turns DTLS off.
     */
    default void dtlsSrtp(String peerFingerprint) {
        throw new UnsupportedOperationException("DTLS-SRTP");
    }

    /** What this leg has seen and sent so far. */
    LegStats stats();
}
