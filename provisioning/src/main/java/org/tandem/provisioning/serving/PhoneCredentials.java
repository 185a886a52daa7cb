package org.tandem.provisioning.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;

/**
 * What a phone sent to prove it is a device: its MAC as user name and evidence of the device's
 * provisioning password — the password itself (HTTP Basic, RFC 7617) or a digest response computed from
 * it (HTTP Digest, RFC 7616), checked by {@link #proves(String)} against the password the appliance holds.
 *
 * @param user   the user name sent (a MAC, in any of the usual spellings)
 * @param scheme {@code Basic} or {@code Digest}
 * @param stale  a digest computed for a nonce that has expired (RFC 7616 §3.3): not wrong, just to be
 *               asked again
 */
public record PhoneCredentials(String user, String scheme, boolean stale, Predicate<String> check) {

    public static PhoneCredentials basic(String user, String password) {
        return new PhoneCredentials(
                user,
                "Basic",
                false,
                expected -> password != null
                        && MessageDigest.isEqual(
                                expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when what was sent is right for this password (never for a stale digest). */
    public boolean proves(String password) {
        return !stale && password != null && check.test(password);
    }

    @Override
    public String toString() {
        return scheme + " " + user;
    }
}
