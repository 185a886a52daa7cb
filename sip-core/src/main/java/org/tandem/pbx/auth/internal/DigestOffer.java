package org.tandem.pbx.auth.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tandem.pbx.auth.DigestAlgorithm;

/**
 * Which digest challenges a user agent is sent. RFC 8760 §2.4 lets a client pick the first challenge whose
 * algorithm it supports, but deployed clients do not all get there: Debian 12's baresip 1.0 gives up on the
 * whole 401 ("Function not implemented") when one challenge says SHA-256, and SIPp 3.6 reads only the first
 * one. So SHA-256 is offered only to user agents known to handle it ({@code tandem.auth.sha256-user-agents},
 * matched anywhere in the User-Agent header); every other one is challenged with MD5 alone. When the
 * configured algorithms do not include both, there is nothing to choose: everyone gets the configured ones.
 *
 * <p>The challenge depends only on the User-Agent, never on the user name: unknown users still get the very
 * same answers as known ones.
 */
final class DigestOffer {

    static final int MAX_KNOWN_USER_AGENTS = 256;

    private final List<DigestAlgorithm> configured;
    private final List<DigestAlgorithm> withoutSha256;
    private final List<Pattern> sha256UserAgents;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    DigestOffer(List<DigestAlgorithm> configured, List<String> sha256UserAgents) {
        this.configured = List.copyOf(configured);
        this.withoutSha256 =
                configured.stream().filter(a -> a != DigestAlgorithm.SHA_256).toList();
        this.sha256UserAgents =
                sha256UserAgents.stream().map(DigestOffer::compile).toList();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "tandem.auth.sha256-user-agents: '" + regex + "' is not a valid regular expression: "
                            + e.getDescription(),
                    e);
        }
    }

    /** Every algorithm accepted in answers, most preferred first. */
    List<DigestAlgorithm> configured() {
        return configured;
    }

    /** The algorithms to challenge a request with {@code userAgent} (may be null) with, in order. */
    List<DigestAlgorithm> forUserAgent(String userAgent) {
        if (withoutSha256.isEmpty() || withoutSha256.size() == configured.size()) return configured;
        if (userAgent == null) return withoutSha256;
        // a phone sends the same User-Agent with every request: the patterns are matched once per User-Agent
        // (issue 23: the matching showed in every challenge's profile); the values come from the network, so the
        // memory is bounded and simply starts afresh when full
        Boolean sha256 = known.get(userAgent);
        if (sha256 == null) {
            sha256 =
                    sha256UserAgents.stream().anyMatch(p -> p.matcher(userAgent).find());
            if (known.size() >= MAX_KNOWN_USER_AGENTS) known.clear();
            known.put(userAgent, sha256);
        }
        return sha256 ? configured : withoutSha256;
    }
}
