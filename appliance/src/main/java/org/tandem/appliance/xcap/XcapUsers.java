package org.tandem.appliance.xcap;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.credentials.WebCredentials.Door;
import org.tandem.pbx.credentials.WebLogin;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.provisioning.serving.HttpDigest;
import org.tandem.provisioning.serving.PhoneCredentials;

/**
 * Who makes an XCAP request (RFC 4825 §15.1: HTTP authentication): a user with the web password of the portal
 * (Basic, over HTTPS in production) or with the SIP credentials of their phones (Digest, RFC 7616, as Jitsi and
 * Blink send). Every wrong answer counts towards the address's ban, as for SIP and the web login; the answer does not
 * tell a wrong password from an unknown user. A web password goes through the one store of web passwords
 * ({@link WebCredentials}), so wrong ones count towards the extension's lockout as in the portal.
 */
@Component
class XcapUsers {

    static final String REALM = "tandem-xcap";

    private final UserDirectory users;
    private final WebCredentials credentials;
    private final BanRegistry bans;
    private final HttpDigest digest = new HttpDigest(REALM, Clock.systemUTC());
    private static final String UNKNOWN_USER_SECRET = UUID.randomUUID().toString();

    XcapUsers(UserDirectory users, WebCredentials credentials, BanRegistry bans) {
        this.users = users;
        this.credentials = credentials;
        this.bans = bans;
    }

    /** The authenticated user, or null (no or wrong credentials: answer 401 with {@link #challenges}). */
    String authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) return null;
        String user = null;
        String address = request.getRemoteAddr();
        if (header.regionMatches(true, 0, "Digest ", 0, 7)) {
            String target =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            PhoneCredentials c =
                    digest.credentials(header, request.getMethod(), target).orElse(null);
            if (c != null) {
                // an unknown user's answer is checked against a secret nobody has: the same work, no hint
                String secret =
                        users.exists(c.user()) ? users.sipSecret(c.user()).orElse(null) : null;
                boolean proven = c.proves(secret == null ? UNKNOWN_USER_SECRET : secret);
                if (secret != null && proven) user = c.user();
            }
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = basic(header);
            // the store runs bcrypt for unknown users too (no enumeration by time) and reports its own refusals: the
            // extension's lockout, the address's ban, the Security page's list
            if (basic != null) return webPasswordLogin(basic[0], basic[1], address);
        }
        if (user == null) bans.recordFailure(address, Door.XCAP.what());
        else bans.recordAuthenticated(address);
        return user;
    }

    private String webPasswordLogin(String extension, String password, String address) {
        String user = credentials
                .login(Door.XCAP, extension, password, address)
                .map(WebLogin::name)
                .orElse(null);
        if (user != null) bans.recordAuthenticated(address);
        return user;
    }

    /** RFC 7235 §4.1: Digest (SHA-256, then MD5) and Basic. */
    List<String> challenges() {
        List<String> all = new ArrayList<>(digest.challenges(false));
        all.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return all;
    }

    private static String[] basic(String header) {
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
