package org.tandem.webui.portal.phone;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ICE servers a user's web phone gets (RTCConfiguration.iceServers, W3C WebRTC §4.2.1): TURN with a credential
 * made for this user and valid for {@link TurnProperties#credentialLifetime()} only. The scheme is coturn's
 * {@code use-auth-secret} (the "TURN REST API" draft, draft-uberti-behave-turn-rest-00 §2.2): the username is
 * {@code <expiry in Unix seconds>:<extension>}, the password base64(HMAC-SHA1(secret, username)); the TURN server
 * checks both with the shared secret and refuses an expired one, so what a browser holds is worth nothing after it
 * expires and names the user it was made for (coturn logs it with every allocation).
 */
@Component
public class TurnCredentials {

    private final TurnProperties turn;
    private final Clock clock;

    public TurnCredentials(
            TurnProperties turn,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        this.turn = turn;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** One entry of RTCConfiguration.iceServers. */
    public record IceServer(List<String> urls, String username, String credential) {}

    /**
     * @param extension the logged-in user's
     * @param pageHost  the host the browser reached the portal at (an IPv6 literal with or without brackets): where a
     *                  TURN server on the appliance itself is
     * @return empty when no TURN server is configured
     */
    public List<IceServer> forUser(String extension, String pageHost) {
        if (!turn.configured()) return List.of();
        List<String> urls = new ArrayList<>();
        if (turn.port() > 0 && pageHost != null && !pageHost.isBlank()) {
            String host = pageHost.contains(":") && !pageHost.startsWith("[") ? "[" + pageHost + "]" : pageHost;
            urls.add("turn:" + host + ":" + turn.port() + "?transport=udp");
            urls.add("turn:" + host + ":" + turn.port() + "?transport=tcp");
        }
        urls.addAll(turn.urls());
        if (urls.isEmpty()) return List.of();
        String username = (clock.instant().plus(turn.credentialLifetime()).getEpochSecond()) + ":" + extension;
        return List.of(new IceServer(List.copyOf(urls), username, password(turn.secret(), username)));
    }

    public boolean relayOnly() {
        return turn.relayOnly();
    }

    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
        }
    }
}
