package org.tandem.pbx.conference;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.conference.internal.ConferenceRepository;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.NumberedDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The conference rooms: in memory for the call path, written through to the database first. A room's
 * number is a number of the dial plan: it never collides with an extension, a ring group or another
 * {@link NumberClaims} owner. PINs are stored as bcrypt hashes only.
 */
@Service
public class ConferenceRooms implements NumberClaims, DestinationCheck, NumberedDestinations {

    static final Pattern NUMBER = Pattern.compile("[0-9]{2,12}");
    static final Pattern PIN = Pattern.compile("[0-9]{4,12}");
    static final int MAX_PARTICIPANTS = 100;

    private final ConferenceRepository repository;
    private final UserDirectory users;
    /** The other owners of numbers; they include this bean (a cycle), hence looked up when a number is checked. */
    private final ObjectProvider<NumberClaims> claims;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, ConferenceRoom> rooms = new ConcurrentHashMap<>();
    private final NumberedDirectory<ConferenceRoom, Destination.Conference> numbers;

    public ConferenceRooms(
            ConferenceRepository repository,
            UserDirectory users,
            ObjectProvider<NumberClaims> claims,
            KnownDestinations known) {
        this.repository = repository;
        this.users = users;
        this.claims = claims;
        this.numbers = new NumberedDirectory<>(
                rooms,
                ConferenceRoom::name,
                known,
                Destination.Conference.class,
                Destination.Conference::new,
                Destination.Conference::room,
                "Conference room",
                "claim.conference-room",
                "destination.no-conference-room");
        repository.all().forEach(r -> rooms.put(r.number(), r));
    }

    public List<ConferenceRoom> list() {
        return rooms.values().stream()
                .sorted(Comparator.comparing(ConferenceRoom::number))
                .toList();
    }

    public Optional<ConferenceRoom> find(String number) {
        return Optional.ofNullable(number == null ? null : rooms.get(number));
    }

    /** True when the room has no PIN or {@code pin} is it (checked off the SIP threads: bcrypt is slow on purpose). */
    public boolean pinMatches(String number, String pin) {
        ConferenceRoom r = rooms.get(number);
        if (r == null) return false;
        return !r.hasPin() || (pin != null && bcrypt.matches(pin, r.pinHash()));
    }

    /** @throws InvalidInputException naming each bad field; DuplicateException when the number is taken */
    @Transactional
    public ConferenceRoom create(ConferenceRoomDraft draft) {
        String number = draft.number() == null ? null : draft.number().strip();
        ConferenceRoom r = check(number, draft, null);
        if (rooms.containsKey(number)) throw new DuplicateException("duplicate.conference-room", number);
        if (users.exists(number)) {
            throw new DuplicateException("duplicate.number-is-extension", number);
        }
        claims.orderedStream()
                .filter(c -> c != this)
                .map(c -> c.claimedBy(number))
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(owner -> {
                    throw new DuplicateException("duplicate.number-used", number, owner);
                });
        repository.insert(r);
        rooms.put(number, r);
        return r;
    }

    @Transactional
    public Optional<ConferenceRoom> update(String number, ConferenceRoomDraft draft) {
        ConferenceRoom current = rooms.get(number);
        if (current == null) return Optional.empty();
        ConferenceRoom r = check(number, draft, current);
        if (repository.update(r) == 0) return Optional.empty();
        rooms.put(number, r);
        return Optional.of(r);
    }

    /** What sends calls to room {@code number} (routes, menus, time conditions, ring groups, forwarding). */
    public List<String> usesOf(String number) {
        return numbers.usesOf(number);
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, a menu or a time condition sends calls here */
    @Transactional
    public boolean delete(String number) {
        return numbers.delete(number, repository::delete);
    }

    @Override
    public Optional<FieldError> claimedBy(String number) {
        return numbers.claimedBy(number);
    }

    /** Dialling a room's number reaches the room. */
    @Override
    public Optional<Destination> destinationOf(String number) {
        return numbers.destinationOf(number);
    }

    @Override
    public Optional<FieldError> problem(Destination d) {
        return numbers.problem(d);
    }

    private ConferenceRoom check(String number, ConferenceRoomDraft d, ConferenceRoom current) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (number == null || !NUMBER.matcher(number).matches())
            errors.put("number", FieldError.of("common.digits-2-to-12"));
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 64) errors.put("name", FieldError.of("common.name-64"));
        String pinHash = current == null ? null : current.pinHash();
        if (d.pin() != null) {
            String pin = d.pin().strip();
            if (pin.isEmpty()) {
                pinHash = null;
            } else if (!PIN.matcher(pin).matches()) {
                errors.put("pin", FieldError.of("conference.pin"));
            } else {
                pinHash = bcrypt.encode(pin);
            }
        }
        int max =
                d.maxParticipants() == null ? (current == null ? 20 : current.maxParticipants()) : d.maxParticipants();
        if (max < 2 || max > MAX_PARTICIPANTS)
            errors.put("maxParticipants", FieldError.of("conference.max-participants", MAX_PARTICIPANTS));
        String language = current == null ? null : current.language();
        if (d.language() != null) {
            String given = d.language().isBlank() ? null : d.language();
            Language.problem(given).ifPresent(p -> errors.put("language", p));
            language = given == null ? null : Language.orEnglish(given).code();
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new ConferenceRoom(
                number,
                name,
                pinHash,
                max,
                flag(d.record(), current == null ? false : current.record()),
                flag(d.locked(), current == null ? false : current.locked()),
                flag(d.announceJoinLeave(), current == null ? true : current.announceJoinLeave()),
                language);
    }

    private static boolean flag(Boolean value, boolean dflt) {
        return value == null ? dflt : value;
    }
}
