package org.tandem.pbx.auth;

/**
 * What digest authentication decided about credentials for our realm (RFC 3261 §22, RFC 7616), before any message is
 * built: the one decision behind the stack's responses ({@link AuthOutcome}) and the ones a {@code DatagramShortcut}
 * writes.
 */
public sealed interface DigestDecision {

    /** Valid credentials of this extension, which is also the request's AOR user. */
    record Authenticated(String extension) implements DigestDecision {}

    /** Challenge again (401/407): a wrong, replayed, stale or foreign answer, or none usable. */
    record Challenged(DigestChallenge challenge) implements DigestDecision {}

    /** RFC 3261 §10.3 step 4, §22.3: the right password, but for another user than the AOR: 403. */
    record Forbidden() implements DigestDecision {}

    /** RFC 7616 §3.4.6: the answer was computed for another resource than the Request-URI: 400. */
    record OtherResource() implements DigestDecision {
        public static final String REASON = "Digest uri does not match the Request-URI";
    }
}
