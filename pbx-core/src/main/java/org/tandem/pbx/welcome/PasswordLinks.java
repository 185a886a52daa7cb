package org.tandem.pbx.welcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.internal.PasswordLinkRepository;

/**
 * One-time links with which a user chooses their own portal web password (the welcome e-mail): nobody, the admin
 * included, ever sees or mails that password. A link holds 256 random bits (unguessable, so no lockout is needed),
 * only its SHA-256 is stored, it works once, for {@link #VALID_FOR}, and a newer link of the same user replaces it
 * (OWASP Forgot Password Cheat Sheet: random single-use tokens with an expiry, stored hashed).
 */
@Service
public class PasswordLinks {

    public static final Duration VALID_FOR = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordLinkRepository repository;
    private final WebPasswords passwords;
    private final Clock clock = Clock.systemUTC();

    public PasswordLinks(PasswordLinkRepository repository, WebPasswords passwords) {
        this.repository = repository;
        this.passwords = passwords;
    }

    /** A new link's token for the user (earlier ones stop working). */
    @Transactional
    public String issue(String extension) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        repository.deleteExpired(now);
        repository.deleteOf(extension);
        repository.insert(hash(token), extension, now, now.plus(VALID_FOR));
        return token;
    }

    /** Whose the link is, while it can still be used. */
    public Optional<String> extensionOf(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return repository.find(hash(token)).filter(l -> clock.instant().isBefore(l.expiresAt()))
                .map(PasswordLinkRepository.Link::extension);
    }

    /**
     * Sets the user's web password with the link, which is then used up.
     *
     * @return the user's extension (their login name)
     * @throws InvalidInputException {@code token} when the link is unknown, used or expired; {@code repeat} when the
     *                               two entries differ; {@code webPassword} when the password breaks the rules
     */
    @Transactional
    public String redeem(String token, String password, String repeat) {
        String extension = extensionOf(token).orElseThrow(() -> new InvalidInputException(Map.of("token",
                "This link has been used or has expired; ask your administrator for a new welcome e-mail")));
        if (password == null || !password.equals(repeat)) {
            throw new InvalidInputException(Map.of("repeat", "the two passwords differ"));
        }
        WebPasswords.problem(password).ifPresent(p -> {
            throw new InvalidInputException(Map.of("webPassword", p));
        });
        if (!repository.delete(hash(token))) {
            throw new InvalidInputException(Map.of("token", "This link has just been used"));
        }
        passwords.set(extension, password);
        return extension;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
