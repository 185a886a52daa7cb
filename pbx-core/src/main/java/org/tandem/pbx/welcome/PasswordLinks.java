package org.tandem.pbx.welcome;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.internal.OneTimeLinks;
import org.tandem.pbx.welcome.internal.OneTimeLinks.Purpose;

/**
 * One-time links with which a user chooses their own portal web password (the welcome e-mail): nobody, the admin
 * included, ever sees or mails that password. The links are {@link OneTimeLinks}: unguessable, stored hashed, used
 * once, for {@link #VALID_FOR}, and a newer link of the same user replaces it.
 */
@Service
public class PasswordLinks {

    public static final Duration VALID_FOR = Duration.ofDays(7);

    private final OneTimeLinks links;
    private final WebPasswords passwords;

    public PasswordLinks(OneTimeLinks links, WebPasswords passwords) {
        this.links = links;
        this.passwords = passwords;
    }

    /** A new link's token for the user (earlier ones stop working). */
    public String issue(String extension) {
        return links.issue(Purpose.WEB_PASSWORD, extension, VALID_FOR);
    }

    /** Whose the link is, while it can still be used. */
    public Optional<String> extensionOf(String token) {
        return links.holder(Purpose.WEB_PASSWORD, token);
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
        String extension =
                extensionOf(token).orElseThrow(() -> new InvalidInputException("token", "welcome.link-expired"));
        if (password == null || !password.equals(repeat)) {
            throw new InvalidInputException("repeat", "password.repeat-differs");
        }
        WebPasswords.problem(password).ifPresent(p -> {
            throw InvalidInputException.of(Map.of("webPassword", p));
        });
        if (links.consume(Purpose.WEB_PASSWORD, token).isEmpty()) {
            throw new InvalidInputException("token", "welcome.link-just-used");
        }
        passwords.set(extension, password);
        return extension;
    }
}
