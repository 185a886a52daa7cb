package org.tandem.media.relay.internal;

import java.util.Objects;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.srtp.SrtpContext;

/**
 * A face's SRTP: the party's key and its context that checks and decrypts what the party sends, and the relay's own
 * key and context that encrypts what goes to it. Contexts are used by the call's IO loop only.
 */
record SrtpFace(SdesCrypto receivedKey, SdesCrypto sentKey, SrtpContext receive, SrtpContext send) {

    static SrtpFace of(SdesCrypto received, SdesCrypto sent, SrtpFace current) {
        if (received == null && sent == null) return null;
        if (current != null && Objects.equals(current.receivedKey, received) && Objects.equals(current.sentKey, sent)) {
            return current; // same keys (a re-INVITE that kept them): keep the rollover counters and replay windows
        }
        return new SrtpFace(
                received,
                sent,
                received == null ? null : SrtpContext.of(received),
                sent == null ? null : SrtpContext.of(sent));
    }
}
