package org.tandem.pbx.credentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.tandem.pbx.credentials.WebLogin.Kind;
import org.tandem.pbx.credentials.internal.PasswordHashRepository;
import org.tandem.pbx.credentials.internal.RememberingPasswordEncoder;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.validation.FieldError;

/**
 * The one store of web passwords, for admin accounts (admin UI, REST API) and users (portal, XCAP): bcrypt hashes
 * (cost 10, {@code $2a$}, as they always were), checked on one path whichever door a login comes through.
 *
 * <p>Every try goes through the per-name-and-source lockout ({@link AccountLockouts}, {@code tandem.security.lockout.*})
 * and every refusal is reported to the address bans ({@link BanRegistry}), logged, and announced
 * ({@link LoginFailed}, the Security page's list). A locked name, an unknown name and a wrong password get the same
 * answer after the same work: one bcrypt check, against a hash that matches nothing when there is no account, and with
 * a password that cannot match while the name is locked (so the right password is refused then, and no remembered
 * success answers faster). Names never overlap: admin accounts start with a letter, users are their extension.
 *
 * <p>Successful checks are remembered for five minutes ({@link RememberingPasswordEncoder}): the REST API and XCAP
 * present the password with every request.
 */
@Service
public class WebCredentials {

    private static final Logger log = LoggerFactory.getLogger(WebCredentials.class);

    static final int MIN_PASSWORD = 8;
    /** bcrypt reads only the first 72 bytes; longer input would silently be cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    /**
     * A valid hash of bcrypt's default cost, 10 (as every stored hash's), that matches nothing: unknown names cost the
     * same check as known ones. A constant rather than one made at start (issue 23: ~0.1 s of CPU on every cold
     * start); made from 32 random bytes nobody kept, and a match would change nothing (no account, no login).
     */
    static final String NO_MATCH = "$2a$10$vIRAXZIaBzTcGMOrXDaV4uDnAx9vuuyUKiBRlxkXBisiu7ELNg3Mu";
    /** The password tried for a locked name: random, never typed by anyone (bcrypt's cost does not depend on length). */
    static final String LOCKED_TRY = "\u0000locked-" + HexFormat.of().formatHex(randomBytes());
    /** The source wrong current passwords of a password change are counted under (the person is logged in already). */
    static final String PASSWORD_CHANGE = "password change";

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,12}");

    /** Where a login comes in: what it may log in as, and how its failures are named in the log and the bans. */
    public enum Door {
        /** The browser's form login: admin UI and portal. */
        BROWSER("web login", EnumSet.allOf(Kind.class)),
        /** The REST API's HTTP Basic ({@code /api/v1}, the actuator): admin accounts only. */
        API("api login", EnumSet.of(Kind.ADMIN_ACCOUNT)),
        /** XCAP clients' HTTP Basic (RFC 4825 §15.1): users only. */
        XCAP("XCAP login", EnumSet.of(Kind.USER));

        private final String what;
        private final Set<Kind> accepts;

        Door(String what, Set<Kind> accepts) {
            this.what = what;
            this.accepts = accepts;
        }

        /** The failure's name in the log, the bans and the Security page. */
        public String what() {
            return what;
        }
    }

    private record Stored(WebLogin login, String hash) {}

    private final PasswordHashRepository hashes;
    private final PasswordEncoder encoder;
    private final AccountLockouts lockouts;
    private final BanRegistry bans;
    private final ApplicationEventPublisher events;

    @Autowired
    public WebCredentials(
            PasswordHashRepository hashes,
            AccountLockouts lockouts,
            BanRegistry bans,
            ApplicationEventPublisher events) {
        this(
                hashes,
                new RememberingPasswordEncoder(new BCryptPasswordEncoder(), Duration.ofMinutes(5), 1000),
                lockouts,
                bans,
                events);
    }

    /** With another encoder (tests: a cheaper bcrypt cost). */
    public WebCredentials(
            PasswordHashRepository hashes,
            PasswordEncoder encoder,
            AccountLockouts lockouts,
            BanRegistry bans,
            ApplicationEventPublisher events) {
        this.hashes = hashes;
        this.encoder = encoder;
        this.lockouts = lockouts;
        this.bans = bans;
        this.events = events;
    }

    /**
     * A login at {@code door}: who {@code name} is, when {@code password} is theirs, the name is not locked for
     * {@code source} and the door takes that kind of account. Otherwise empty, counted towards the name's lockout from
     * {@code source} (unless locked already), reported to the bans, logged and announced ({@link LoginFailed}).
     *
     * @param source the address the login comes from (null or "?" when unknown: then no address is banned)
     */
    public Optional<WebLogin> login(Door door, String name, String password, String source) {
        String tried = name == null ? "" : name;
        boolean locked = lockouts.isLocked(tried, source);
        Optional<Stored> account = find(tried, door.accepts);
        boolean right = encoder.matches(
                locked ? LOCKED_TRY : password == null ? "" : password,
                account.map(Stored::hash).orElse(NO_MATCH));
        if (right && account.isPresent() && !locked) {
            lockouts.recordSuccess(tried, source);
            return Optional.of(account.get().login());
        }
        String shown = printable(tried);
        // the name is logged (it helps spot a scanner's dictionary), the password never is
        log.warn("Failed {} as '{}' from {}{}", door.what, shown, source, locked ? " (name locked there)" : "");
        if (source != null && !source.isBlank() && !"?".equals(source)) bans.recordFailure(source, door.what);
        events.publishEvent(new LoginFailed(Instant.now(), shown, source, door.what, locked));
        if (!locked) lockouts.recordFailure(tried, source);
        return Optional.empty();
    }

    /**
     * For a password change by a person who is logged in: true when {@code password} is the current one of
     * {@code name}. A wrong one counts towards the name's lockout like a failed login, and while the name is locked
     * (from anywhere) none is right: a session left open must not become a way to guess.
     */
    public boolean verifyCurrent(String name, String password) {
        Optional<Stored> account = find(name == null ? "" : name, EnumSet.allOf(Kind.class));
        boolean right = !lockouts.isLocked(name)
                && account.isPresent()
                && password != null
                && encoder.matches(password, account.get().hash());
        if (!right) lockouts.recordFailure(name, PASSWORD_CHANGE);
        return right;
    }

    /**
     * Whether {@code password} is the web password of {@code name}, counting nothing: for what a logged-in person's
     * change compares (is the new password the old one?), never for a login.
     */
    public boolean matches(String name, String password) {
        Optional<Stored> account = find(name == null ? "" : name, EnumSet.allOf(Kind.class));
        boolean right = encoder.matches(
                password == null ? "" : password, account.map(Stored::hash).orElse(NO_MATCH));
        return right && account.isPresent();
    }

    /** The hash to store for a new web password (bcrypt, cost 10). Check {@link #passwordRule} first. */
    public String hash(String password) {
        return encoder.encode(password);
    }

    /** What is wrong with {@code password} as a web password (admin account's or user's), if anything. */
    public static Optional<FieldError> passwordRule(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return Optional.of(FieldError.of("password.too-short", MIN_PASSWORD));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of(FieldError.of("password.too-long", MAX_PASSWORD_BYTES));
        }
        return Optional.empty();
    }

    private Optional<Stored> find(String name, Set<Kind> kinds) {
        if (EXTENSION.matcher(name).matches()) {
            if (!kinds.contains(Kind.USER)) return Optional.empty();
            return hashes.userWebPassword(name)
                    .map(h -> new Stored(new WebLogin(name, Kind.USER, WebLogin.USER_ROLE), h));
        }
        if (!kinds.contains(Kind.ADMIN_ACCOUNT) || name.isEmpty() || name.length() > 64) return Optional.empty();
        return hashes.adminAccount(name)
                .map(a -> new Stored(new WebLogin(a.username(), Kind.ADMIN_ACCOUNT, a.role()), a.hash()));
    }

    /** The name comes from the attacker: no control characters into the log or a page, and not too much of it. */
    private static String printable(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
