package org.tandem.pbx.welcome.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one token scheme of the welcome e-mail's links (OWASP Forgot Password Cheat Sheet: random single-use tokens
 * with an expiry, stored hashed): 256 random bits, unguessable, so no lockout is needed; only the token's SHA-256
 * is stored (a copy of the database opens nothing); a link works once, until it expires, and a newer link of the
 * same user and purpose replaces the older ones.
 */
@Component
public class OneTimeLinks {

    /** What a link lets its holder do. */
    public enum Purpose {
        /** choose the portal web password */
        WEB_PASSWORD("web-password"),
        /** fetch a softphone's configuration with the SIP credentials (Linphone remote provisioning) */
        SOFTPHONE("softphone");

        private final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OneTimeLinkRepository repository;
    private final Clock clock = Clock.systemUTC();

    public OneTimeLinks(OneTimeLinkRepository repository) {
        this.repository = repository;
    }

    /** A new link's token (43 URL-safe characters) for the user; their earlier ones of this purpose stop working. */
    @Transactional
    public String issue(Purpose purpose, String extension, Duration validFor) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        repository.deleteExpired(now);
        repository.deleteOf(purpose.column, extension);
        repository.insert(purpose.column, hash(token), extension, now, now.plus(validFor));
        return token;
    }

    /** Whose the link is, while it can still be used. */
    public Optional<String> holder(Purpose purpose, String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return repository
                .find(purpose.column, hash(token))
                .filter(l -> clock.instant().isBefore(l.expiresAt()))
                .map(OneTimeLinkRepository.Link::extension);
    }

    /** Uses the link up: whose it was, or empty when it was unknown, expired or used (also by a concurrent call). */
    @Transactional
    public Optional<String> consume(Purpose purpose, String token) {
        Optional<String> holder = holder(purpose, token);
        if (holder.isEmpty() || !repository.delete(purpose.column, hash(token))) return Optional.empty();
        return holder;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
