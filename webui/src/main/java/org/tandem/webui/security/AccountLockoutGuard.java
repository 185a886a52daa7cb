package org.tandem.webui.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tandem.pbx.security.AccountLockouts;

/**
 * Puts the per-account lockout in front of a login check (the web UI's form login and the REST API's
 * HTTP Basic both use it). A locked name gets exactly what a wrong password gets: the same
 * {@link BadCredentialsException}, after the same bcrypt work — the check still runs, with a password
 * that cannot match (so neither a remembered success nor a skipped hash makes the answer faster), and the
 * usual failure event is raised for the failed-login log and the address bans. So a locked account, an
 * unknown one and a wrong password cannot be told apart, and the right password during a lock is refused.
 * The lock holds for the name from the source that failed only (issue 22 finding 4): the owner logging in from
 * elsewhere, or from an allow-listed address, is not locked out by somebody else's guesses.
 */
public final class AccountLockoutGuard implements AuthenticationManager {

    /** The password tried for a locked name: random, short (bcrypt's cost does not depend on length), never real. */
    private static final String NO_MATCH = "\u0000locked-" + HexFormat.of().formatHex(randomBytes());

    private final AuthenticationManager delegate;
    private final AccountLockouts lockouts;

    public AccountLockoutGuard(AuthenticationManager delegate, AccountLockouts lockouts) {
        this.delegate = delegate;
        this.lockouts = lockouts;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String name = login.getName();
        String address = address(login);
        if (lockouts.isLocked(name, address)) {
            UsernamePasswordAuthenticationToken decoy = UsernamePasswordAuthenticationToken.unauthenticated(
                    login.getPrincipal(), NO_MATCH);
            decoy.setDetails(login.getDetails());
            try {
                delegate.authenticate(decoy);
            } catch (RuntimeException expected) {
                // the same work and the same failure event as any wrong password
            }
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication ok = delegate.authenticate(login);
            lockouts.recordSuccess(name, address);
            return ok;
        } catch (AuthenticationException e) {
            lockouts.recordFailure(name, address);
            throw e;
        }
    }

    private static String address(Authentication login) {
        return login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "?";
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
