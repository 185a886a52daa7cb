package org.tandem.pbx.paging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.paging.internal.PagingRepository;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.NumberedDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.validation.InvalidValueException;

/**
 * The paging groups: in memory for the call path, written through to the database first. A group's number is a
 * number of the dial plan: it never collides with an extension, a ring group, a conference room or another
 * {@link NumberClaims} owner. A user who is a member cannot be deleted (the group names them, as ring groups do).
 */
@Service
public class PagingGroups implements NumberClaims, DestinationCheck, NumberedDestinations, DestinationUse {

    static final Pattern NUMBER = Pattern.compile("[0-9]{2,12}");
    static final int MAX_MEMBERS = 50;

    private final PagingRepository repository;
    private final UserDirectory users;
    /** The other owners of numbers; they include this bean (a cycle), hence looked up when a number is checked. */
    private final ObjectProvider<NumberClaims> claims;

    private final Map<String, PagingGroup> groups = new ConcurrentHashMap<>();
    private final NumberedDirectory<PagingGroup, Destination.Paging> numbers;

    public PagingGroups(
            PagingRepository repository,
            UserDirectory users,
            ObjectProvider<NumberClaims> claims,
            KnownDestinations known) {
        this.repository = repository;
        this.users = users;
        this.claims = claims;
        this.numbers = new NumberedDirectory<>(
                groups,
                PagingGroup::name,
                known,
                Destination.Paging.class,
                Destination.Paging::new,
                Destination.Paging::group,
                "Paging group",
                "claim.paging-group",
                "destination.no-paging-group");
        repository.all().forEach(g -> groups.put(g.number(), g));
    }

    public List<PagingGroup> list() {
        return groups.values().stream()
                .sorted(Comparator.comparing(PagingGroup::number))
                .toList();
    }

    public Optional<PagingGroup> find(String number) {
        return Optional.ofNullable(number == null ? null : groups.get(number));
    }

    /** @throws InvalidInputException naming each bad field; DuplicateException when the number is taken */
    @Transactional
    public PagingGroup create(PagingGroupDraft draft) {
        String number = draft.number() == null ? null : draft.number().strip();
        PagingGroup g = check(number, draft);
        if (groups.containsKey(number)) throw new DuplicateException("duplicate.paging-group", number);
        if (users.exists(number)) {
            throw new DuplicateException("duplicate.number-is-extension-paging", number);
        }
        claims.orderedStream()
                .filter(c -> c != this)
                .map(c -> c.claimedBy(number))
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(owner -> {
                    throw new DuplicateException("duplicate.number-used", number, owner);
                });
        repository.insert(g);
        groups.put(number, g);
        return g;
    }

    @Transactional
    public Optional<PagingGroup> update(String number, PagingGroupDraft draft) {
        if (!groups.containsKey(number)) return Optional.empty();
        PagingGroup g = check(number, draft);
        if (repository.update(g) == 0) return Optional.empty();
        groups.put(number, g);
        return Optional.of(g);
    }

    /**
     * The multicast groups some of {@code extensions} are members of, in number order: the addresses their phones
     * listen on (provisioning).
     */
    public List<PagingGroup> multicastGroupsOf(Collection<String> extensions) {
        return list().stream()
                .filter(PagingGroup::isMulticast)
                .filter(g -> g.members().stream().anyMatch(extensions::contains))
                .toList();
    }

    /** What sends calls to group {@code number} (inbound routes, IVR keys, time conditions, ring groups, forwarding). */
    public List<String> usesOf(String number) {
        return numbers.usesOf(number);
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, a menu or a forwarding sends calls here */
    @Transactional
    public boolean delete(String number) {
        return numbers.delete(number, repository::delete);
    }

    @Override
    public Optional<FieldError> claimedBy(String number) {
        return numbers.claimedBy(number);
    }

    /** Dialling a group's number pages it. */
    @Override
    public Optional<Destination> destinationOf(String number) {
        return numbers.destinationOf(number);
    }

    @Override
    public Optional<FieldError> problem(Destination d) {
        return numbers.problem(d);
    }

    /** A user is used by every group they are a member of: "paging group 700 Warehouse (member)". */
    @Override
    public List<String> usesOf(Destination d) {
        if (!(d instanceof Destination.Extension e)) return List.of();
        return list().stream()
                .filter(g -> g.members().contains(e.extension()))
                .map(g -> "paging group " + g.number() + " " + g.name() + " (member)")
                .toList();
    }

    /** A deleted user leaves their groups (the database rows went with the user, by foreign key). */
    @EventListener
    void on(UserChanged changed) {
        if (!changed.deleted()) return;
        groups.replaceAll((number, g) -> g.members().contains(changed.extension())
                ? new PagingGroup(
                        number,
                        g.name(),
                        g.members().stream()
                                .filter(m -> !m.equals(changed.extension()))
                                .toList(),
                        g.multicast())
                : g);
    }

    private PagingGroup check(String number, PagingGroupDraft d) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (number == null || !NUMBER.matcher(number).matches())
            errors.put("number", FieldError.of("common.digits-2-to-12"));
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 64) errors.put("name", FieldError.of("common.name-64"));
        List<String> drafts = d.members() == null ? List.of() : d.members();
        Set<String> members = new LinkedHashSet<>();
        if (drafts.isEmpty() || drafts.size() > MAX_MEMBERS) {
            errors.put("members", FieldError.of("paging.members-count", MAX_MEMBERS));
        }
        for (int i = 0; i < drafts.size(); i++) {
            String ext = drafts.get(i) == null ? "" : drafts.get(i).strip();
            if (!users.exists(ext)) {
                errors.put("members[" + i + "]", FieldError.of("destination.no-extension", ext));
            } else if (!members.add(ext)) {
                errors.put("members[" + i + "]", FieldError.of("common.extension-twice", ext));
            }
        }
        MulticastAddress multicast = null;
        if (d.multicastAddress() != null && !d.multicastAddress().isBlank()) {
            try {
                multicast = MulticastAddress.parse(d.multicastAddress());
                MulticastAddress address = multicast;
                groups.values().stream()
                        .filter(g -> !g.number().equals(number) && address.equals(g.multicast()))
                        .findFirst()
                        .ifPresent(g -> errors.put(
                                "multicastAddress", FieldError.of("paging.multicast-taken", g.number(), g.name())));
            } catch (InvalidValueException e) {
                errors.put("multicastAddress", e.error());
            }
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new PagingGroup(number, name, new ArrayList<>(members), multicast);
    }
}
