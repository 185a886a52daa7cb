package org.tandem.media.srtp;

/** {@code tandem.media.srtp}: SRTP with SDES keys (RFC 4568) for phones on SIP-TLS. */
public enum SrtpMode {
    /** Default: an RTP/SAVP offer with a=crypto over TLS gets SRTP; plain RTP is still taken. */
    OPTIONAL,
    /** Phones on SIP-TLS must offer SRTP: a plain RTP/AVP offer from one is refused with 488. */
    REQUIRED,
    /** No SRTP: an RTP/SAVP offer is refused (488), as before issue 22. */
    OFF
}
