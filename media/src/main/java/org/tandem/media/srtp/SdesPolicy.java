package org.tandem.media.srtp;

/**
 * Whether an offered audio profile may be taken from a party, under {@code tandem.media.srtp} and the transport its
 * signalling came over. The one rule for the relay and the media services (issue 22):
 * <ul>
 *   <li>SDES keys (RTP/SAVP, RTP/SAVPF) only over SIP-TLS: over UDP or TCP they travel in the clear (RFC 4568 §8.3);</li>
 *   <li>none at all when SRTP is off;</li>
 *   <li>a phone on SIP-TLS must offer SRTP when it is required.</li>
 * </ul>
 *
 * @param secureSignalling the party's SIP came over TLS (every hop of it, RFC 4568 §8.3)
 */
public record SdesPolicy(SrtpMode mode, boolean secureSignalling) {

    public SdesPolicy {
        if (mode == null) mode = SrtpMode.OPTIONAL;
    }

    /**
     * Why an audio stream of profile {@code proto} may not be taken from this party, for the 488's reason; null when
     * it may. Profiles that are neither RTP/AVP(F) nor RTP/SAVP(F) are not judged here (null).
     */
    public String refusal(String proto) {
        boolean savp = Sdes.isSdesProfile(proto);
        if (savp && mode == SrtpMode.OFF) {
            return "SRTP is turned off on this PBX (tandem.media.srtp=off): offer RTP/AVP";
        }
        if (savp && !secureSignalling) {
            return "SRTP keys (a=crypto) are only taken over SIP-TLS: over UDP/TCP they travel in the clear "
                    + "(RFC 4568 §8.3); register over TLS or offer RTP/AVP";
        }
        if (!savp && secureSignalling && mode == SrtpMode.REQUIRED && proto.startsWith("RTP/AVP")) {
            return "SRTP is required for phones on SIP-TLS (tandem.media.srtp=required): offer RTP/SAVP with a=crypto";
        }
        return null;
    }
}
