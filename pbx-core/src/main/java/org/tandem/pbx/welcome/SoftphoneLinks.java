package org.tandem.pbx.welcome;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.pbx.welcome.internal.OneTimeLinks;
import org.tandem.pbx.welcome.internal.OneTimeLinks.Purpose;

/**
 * One-time links with which a user's softphone fetches its configuration, SIP credentials included (issue 17: the QR
 * code of the welcome e-mail and of the portal). The links are {@link OneTimeLinks}: unguessable, stored hashed, used
 * up by the first fetch, for {@link #VALID_FOR}, and a newer link of the same user replaces the unused older ones.
 */
@Service
public class SoftphoneLinks {

    public static final Duration VALID_FOR = Duration.ofDays(7);

    private final OneTimeLinks links;

    public SoftphoneLinks(OneTimeLinks links) {
        this.links = links;
    }

    /** A new link's token for the user (43 URL-safe characters); their earlier unused ones stop working. */
    public String issue(String extension) {
        return links.issue(Purpose.SOFTPHONE, extension, VALID_FOR);
    }

    /** Uses the link up: whose it was, or empty when it is unknown, expired or was used. */
    public Optional<String> consume(String token) {
        return links.consume(Purpose.SOFTPHONE, token);
    }
}
