package org.tandem.pbx.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.auth.SipAccounts;
import org.tandem.pbx.directory.internal.UserRepository;
import org.tandem.pbx.directory.internal.UserRow;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InUseException;

/**
 * The users of the appliance. All users and their decrypted SIP secrets are held in memory (a small
 * business has hundreds, not millions), so the registrar and the proxy never wait on the database;
 * changes are written to the database first and then to memory.
 */
@Service
public class UserDirectory implements SipAccounts {

    private record Entry(User user, String secret) {}

    private final UserRepository repository;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    /** The changes' transactions: the reads on the SIP path are plain calls, with no transaction proxy around them. */
    private final TransactionTemplate tx;

    private final Map<String, Entry> users = new ConcurrentHashMap<>();

    /** The features that own numbers or name extensions; they depend on this directory (a cycle), hence looked up when asked. */
    private final ObjectProvider<NumberClaims> claims;

    private final ObjectProvider<ExtensionUse> uses;

    public UserDirectory(
            UserRepository repository,
            SecretCipher cipher,
            ApplicationEventPublisher events,
            ObjectProvider<NumberClaims> claims,
            ObjectProvider<ExtensionUse> uses,
            PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.claims = claims;
        this.uses = uses;
        this.repository = repository;
        this.cipher = cipher;
        this.events = events;
        for (UserRow row : repository.findAll()) {
            users.put(row.extension(), new Entry(toUser(row), cipher.decrypt(row.secretEnc())));
        }
    }

    public User create(UserDraft draft) {
        return tx.execute(status -> {
            UserRules.check(draft, true);
            if (users.containsKey(draft.extension())) {
                throw new DuplicateException("duplicate.extension", draft.extension());
            }
            claims.orderedStream()
                    .map(c -> c.claimedBy(draft.extension()))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .ifPresent(owner -> {
                        throw new DuplicateException("duplicate.number-used", draft.extension(), owner);
                    });
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            UserRow row = new UserRow(
                    draft.extension(),
                    draft.displayName().strip(),
                    blankToNull(draft.email()),
                    cipher.encrypt(draft.password()),
                    now,
                    now,
                    languageCode(draft.language()));
            try {
                repository.insert(row);
            } catch (DuplicateKeyException e) {
                throw new DuplicateException("duplicate.extension", draft.extension());
            }
            User user = toUser(row);
            users.put(user.extension(), new Entry(user, draft.password()));
            events.publishEvent(new UserChanged(user.extension(), false));
            return user;
        });
    }

    public Optional<User> update(String extension, UserDraft draft) {
        return tx.execute(status -> {
            Entry current = users.get(extension);
            if (current == null) return Optional.empty();
            UserRules.check(draft, false);
            String secret = draft.password() == null ? current.secret() : draft.password();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String language = draft.language() == null ? current.user().language() : languageCode(draft.language());
            UserRow row = new UserRow(
                    extension,
                    draft.displayName().strip(),
                    blankToNull(draft.email()),
                    cipher.encrypt(secret),
                    current.user().createdAt(),
                    now,
                    language);
            if (repository.update(row) == 0) return Optional.empty();
            User user = toUser(row);
            users.put(extension, new Entry(user, secret));
            events.publishEvent(new UserChanged(extension, false));
            return Optional.of(user);
        });
    }

    /**
     * Deletes a user, unless other configuration still sends calls to their extension or voicemail box.
     *
     * @return false when there is no such user
     * @throws InUseException naming each use (an IVR key, a ring group, ...) when there is one
     */
    public boolean delete(String extension) {
        return tx.execute(status -> {
            if (!exists(extension)) return false;
            List<String> using = usesOf(extension);
            if (!using.isEmpty()) throw new InUseException("User " + extension, using);
            if (repository.delete(extension) == 0) return false;
            users.remove(extension);
            events.publishEvent(new UserChanged(extension, true));
            return true;
        });
    }

    /** What sends calls to {@code extension} (its extension or voicemail box); empty when nothing does. */
    public List<String> usesOf(String extension) {
        List<String> found = new ArrayList<>();
        uses.orderedStream().forEach(u -> found.addAll(u.usesOfExtension(extension)));
        return found;
    }

    /** What other feature already uses {@code number} (a ring group, a park orbit, a queue, ...), if any. */
    public Optional<FieldError> claimOf(String number) {
        return claims.orderedStream()
                .map(c -> c.claimedBy(number))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The extension to suggest for a new user (issue 17, as FreePBX and 3CX do): the one after the highest numeric
     * extension, skipping numbers another feature uses (a ring group, a room, a feature code); 100 when there are no
     * users yet. Only a suggestion: creating the user checks again.
     */
    public String nextFreeExtension() {
        return NextExtension.after(users.keySet(), n -> exists(n) || claimOf(n).isPresent());
    }

    /** Drops a user from memory only: after a rolled-back bulk import ({@link UserImport}). */
    void forget(String extension) {
        users.remove(extension);
    }

    public Optional<User> find(String extension) {
        Entry e = extension == null ? null : users.get(extension);
        return e == null ? Optional.empty() : Optional.of(e.user());
    }

    public boolean exists(String extension) {
        return extension != null && users.containsKey(extension);
    }

    public List<User> list() {
        return users.values().stream()
                .map(Entry::user)
                .sorted(Comparator.comparing(User::extension))
                .toList();
    }

    /** The SIP secret in clear, from memory (for digest HA1 and, later, provisioning). */
    @Override
    public Optional<String> sipSecret(String extension) {
        Entry e = extension == null ? null : users.get(extension);
        return e == null ? Optional.empty() : Optional.of(e.secret());
    }

    private static User toUser(UserRow r) {
        return new User(r.extension(), r.displayName(), r.email(), r.createdAt(), r.updatedAt(), r.language());
    }

    /** The stored code of a checked language: null (system default) for blank. */
    private static String languageCode(String language) {
        return language == null || language.isBlank()
                ? null
                : Language.of(language).map(Language::code).orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
