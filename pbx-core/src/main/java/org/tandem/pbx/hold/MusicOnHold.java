package org.tandem.pbx.hold;

/**
 * The proxy's hooks for music on hold. All calls for one call come on its Call-ID stripe.
 *
 * <p>A re-INVITE whose offer puts the call on hold ({@code a=sendonly}, {@code a=inactive} or the old
 * {@code c=0.0.0.0}, RFC 3264 §8.4) is forwarded with an offer that points the held phone at a music session of
 * this process instead; once the held phone answers, it hears music until the holder resumes or either hangs up.
 */
public interface MusicOnHold {

    /**
     * An in-dialog INVITE is about to be forwarded.
     *
     * @param holder the From tag of the phone sending it (a dialog can be held from either end)
     * @return the SDP to forward instead of {@code sdp} (hold: our music session's offer), or null to forward it
     *         unchanged (no hold, a resume, music on hold off, or no media port free)
     */
    String onReInvite(String callId, String holder, long cseq, String sdp);

    /** The final response to that INVITE ({@code sdp} null without a body): a 2xx starts the music, an error drops it. */
    void onAnswer(String callId, String holder, long cseq, int status, String sdp);

    /** The call ended (BYE): any music of it stops and its session is closed. */
    void onBye(String callId);

    /** Sessions playing music now. */
    int playing();

    /** Music on hold switched off: every re-INVITE passes unchanged. */
    MusicOnHold OFF = new MusicOnHold() {
        @Override
        public String onReInvite(String callId, String holder, long cseq, String sdp) {
            return null;
        }

        @Override
        public void onAnswer(String callId, String holder, long cseq, int status, String sdp) {}

        @Override
        public void onBye(String callId) {}

        @Override
        public int playing() {
            return 0;
        }
    };
}
