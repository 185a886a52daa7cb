package org.tandem.pbx.voicemail;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.voicemail.internal.BoxRepository;
import org.tandem.pbx.voicemail.internal.BoxRow;

/**
 * The voicemail boxes: one per user, made (on) when the user is created and removed with the user.
 * Boxes are held in memory (written to the database first), so the call path reads them without
 * waiting; the PIN is kept only as a bcrypt hash and checked off the SIP threads.
 */
@Service
public class VoicemailBoxes {

    static final Pattern PIN = Pattern.compile("[0-9]{4,10}");
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 600;

    private final BoxRepository repository;
    private final UserDirectory users;
    private final VoicemailProperties props;
    private final Clock clock;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, BoxRow> boxes = new ConcurrentHashMap<>();
    /** The changes' transactions: the reads on the SIP path are plain calls, with no transaction proxy around them. */
    private final TransactionTemplate tx;

    public VoicemailBoxes(
            BoxRepository repository,
            UserDirectory users,
            VoicemailProperties props,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock,
            PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.repository = repository;
        this.users = users;
        this.props = props;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        repository.findAll().forEach(b -> boxes.put(b.extension(), b));
    }

    public Optional<VoicemailBox> find(String extension) {
        BoxRow row = extension == null ? null : boxes.get(extension);
        return row == null ? Optional.empty() : Optional.of(toBox(row));
    }

    public boolean exists(String extension) {
        return extension != null && boxes.containsKey(extension);
    }

    public List<VoicemailBox> list() {
        return boxes.values().stream()
                .map(this::toBox)
                .sorted(Comparator.comparing(VoicemailBox::extension))
                .toList();
    }

    /**
     * Changes the box; null fields keep their value.
     *
     * @return empty when there is no such box
     * @throws InvalidInputException naming each bad field (pin, maxMessageSeconds, greeting)
     */
    public Optional<VoicemailBox> update(String extension, VoicemailBoxDraft draft) {
        return tx.execute(status -> {
            BoxRow current = extension == null ? null : boxes.get(extension);
            if (current == null) return Optional.empty();
            Map<String, FieldError> errors = new LinkedHashMap<>();
            if (draft.pin() != null) pinProblem(draft.pin()).ifPresent(p -> errors.put("pin", p));
            Integer max = draft.maxMessageSeconds();
            if (max != null && (max < MIN_SECONDS || max > MAX_SECONDS)) {
                errors.put("maxMessageSeconds", FieldError.of("common.range-seconds", MIN_SECONDS, MAX_SECONDS));
            }
            Greeting greeting = null;
            if (draft.greeting() != null) {
                try {
                    greeting = Greeting.valueOf(draft.greeting().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.put("greeting", FieldError.of("voicemail.greeting"));
                }
            }
            if (!errors.isEmpty()) throw InvalidInputException.of(errors);
            BoxRow row = new BoxRow(
                    extension,
                    draft.enabled() == null ? current.enabled() : draft.enabled(),
                    draft.pin() == null ? current.pinHash() : bcrypt.encode(draft.pin()),
                    max == null ? current.maxMessageSeconds() : max,
                    greeting == null ? current.greeting() : greeting.name(),
                    draft.emailNotify() == null ? current.emailNotify() : draft.emailNotify(),
                    draft.deleteAfterEmail() == null ? current.deleteAfterEmail() : draft.deleteAfterEmail(),
                    clock.millis(),
                    draft.pinSkipOwnPhone() == null ? current.pinSkipOwnPhone() : draft.pinSkipOwnPhone());
            if (repository.update(row) == 0) return Optional.empty();
            boxes.put(extension, row);
            return Optional.of(toBox(row));
        });
    }

    /**
     * Sets the PIN (digits only, 4 to 10).
     *
     * @return false when there is no such box
     * @throws InvalidInputException with field {@code pin}
     */
    public boolean setPin(String extension, String pin) {
        if (pin == null) throw new InvalidInputException("pin", "voicemail.pin-required");
        return update(extension, new VoicemailBoxDraft(null, pin, null, null, null, null))
                .isPresent();
    }

    /** True when the box exists, has a PIN, and {@code pin} is it (bcrypt: call it off the SIP threads). */
    public boolean pinMatches(String extension, String pin) {
        BoxRow row = extension == null ? null : boxes.get(extension);
        if (row == null || row.pinHash() == null || pin == null) return false;
        return bcrypt.matches(pin, row.pinHash());
    }

    /**
     * The name wrong PINs of {@code box} are counted and locked under ({@code AccountLockouts}, issue 22), as the
     * Security page lists it: an admin who resets the PIN unlocks it too.
     */
    public static String lockoutName(String box) {
        return "voicemail " + box;
    }

    /** What is wrong with {@code pin} as a voicemail PIN, if anything. */
    public static Optional<FieldError> pinProblem(String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) return Optional.of(FieldError.of("voicemail.pin"));
        return Optional.empty();
    }

    /** A new user gets a box (on, no PIN); a deleted user's box went with the user (ON DELETE CASCADE). */
    @EventListener
    void onUserChanged(UserChanged change) {
        if (change.deleted()) {
            boxes.remove(change.extension());
            return;
        }
        if (boxes.containsKey(change.extension())) return;
        BoxRow row = new BoxRow(
                change.extension(),
                true,
                null,
                props.defaultMaxMessageSeconds(),
                Greeting.DEFAULT.name(),
                true,
                false,
                clock.millis(),
                false);
        repository.insertIfMissing(row);
        boxes.put(row.extension(), row);
    }

    private VoicemailBox toBox(BoxRow r) {
        String email = users.find(r.extension()).map(User::email).orElse(null);
        return new VoicemailBox(
                r.extension(),
                r.enabled(),
                r.pinHash() != null,
                r.maxMessageSeconds(),
                Greeting.valueOf(r.greeting()),
                r.emailNotify(),
                r.deleteAfterEmail(),
                email,
                Instant.ofEpochMilli(r.updatedMs()),
                r.pinSkipOwnPhone());
    }
}
