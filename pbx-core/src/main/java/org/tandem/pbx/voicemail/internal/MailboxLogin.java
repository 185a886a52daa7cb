package org.tandem.pbx.voicemail.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * Who may guess a box's PIN, and how often. Three wrong logins in a call end it; each one counts for the box and
 * the caller over calls too (issue 22: the PIN lockout, {@code tandem.security.lockout}) and as a failure for the
 * ban registry (a trunk provider is never banned). The menu ({@link MailboxMenu}) asks; this class keeps the score.
 */
final class MailboxLogin {

    private static final Logger log = LoggerFactory.getLogger(MailboxLogin.class);
    static final int LOGIN_TRIES = 3;

    /** What a login attempt leads to. */
    enum Outcome {
        LOGGED_IN,
        TRY_AGAIN,
        TOO_MANY
    }

    private final VoicemailMenuService svc;
    /** where the call comes from, for the ban registry */
    private final String source;
    /** Who guesses, for the PIN lockout: the extension, else the address with the number presented. */
    private final String lockSource;

    private int failures;

    MailboxLogin(CallRequest caller, String source, VoicemailMenuService svc) {
        this.svc = svc;
        this.source = source;
        this.lockSource = caller.callerExtension() != null
                ? "extension " + caller.callerExtension()
                : (source == null ? "?" : source) + " " + caller.callerNumber();
    }

    /** Whether this caller is locked out of {@code box} after too many wrong PINs, in this call or before. */
    boolean lockedOut(String box) {
        if (!svc.lockouts.isLocked(VoicemailBoxes.lockoutName(box), lockSource)) return false;
        log.warn("Voicemail box {}: {} is locked out after too many wrong PINs", box, lockSource);
        return true;
    }

    /** Whether {@code entered} is the box's PIN: blocking (bcrypt), for the menu pool. */
    boolean pinMatches(String box, String entered) {
        return svc.boxes.pinMatches(box, entered);
    }

    /** Counts an attempt on {@code box} (after {@link #pinMatches}) and says what comes next. */
    Outcome attempted(String box, boolean matched) {
        String lockName = VoicemailBoxes.lockoutName(box);
        if (matched) {
            svc.lockouts.recordSuccess(lockName, lockSource);
            return Outcome.LOGGED_IN;
        }
        failures++;
        svc.lockouts.recordFailure(lockName, lockSource);
        svc.bans.recordFailure(source, "voicemail PIN for box " + box);
        return failures >= LOGIN_TRIES || svc.lockouts.isLocked(lockName, lockSource)
                ? Outcome.TOO_MANY
                : Outcome.TRY_AGAIN;
    }
}
