package org.tandem.media.dtls;

import org.tandem.media.srtp.SdesCrypto;

/**
 * The SRTP master keys a DTLS-SRTP handshake exported (RFC 5764 §4.2), in the shape the relay's SRTP takes: the
 * party's (to check and decrypt what it sends) and ours (to encrypt what we send it).
 */
public record DtlsSrtpKeys(SdesCrypto received, SdesCrypto sent) {}
