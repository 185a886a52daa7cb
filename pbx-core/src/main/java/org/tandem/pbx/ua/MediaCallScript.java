package org.tandem.pbx.ua;

import org.tandem.pbx.call.HangupSide;

/**
 * What a {@link MediaCall} does once answered: the voicemail deposit, a menu, a conference seat. Every
 * method runs on the call's Call-ID stripe and must not block (files and the database are reached through
 * async services).
 */
public interface MediaCallScript {

    /** The caller's ACK arrived: media flows both ways; start talking. */
    void started(MediaCall call);

    /** A DTMF digit (RFC 4733 or SIP INFO), once per key press. */
    default void dtmf(MediaCall call, char digit) {}

    /**
     * The call is over ({@code side} hung up, or the media timed out: SYSTEM). The media session is already
     * closed; running playback and recording complete after this with SESSION_CLOSED.
     */
    default void ended(MediaCall call, HangupSide side) {}
}
