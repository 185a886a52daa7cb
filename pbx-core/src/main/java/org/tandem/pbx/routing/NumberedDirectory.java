package org.tandem.pbx.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.tandem.pbx.validation.FieldError;

/**
 * What the features dialled by number (conference rooms, paging groups, call queues) answer alike about their
 * numbers: what sends calls to one, the delete that refuses while something does, the number claim that keeps
 * another feature off it, the destination dialling it reaches, and the problem of a destination naming a number
 * that has none. It reads the feature's own map (number to entry), which the feature keeps for the call path;
 * the feature keeps its transactions, its checks and what else a delete forgets.
 *
 * @param <T> the feature's entry (a room, a group, a queue)
 * @param <D> the kind of destination that names an entry by its number
 */
public final class NumberedDirectory<T, D extends Destination> {

    private final Map<String, T> entries;
    private final Function<T, String> nameOf;
    private final KnownDestinations known;
    private final Class<D> kind;
    private final Function<String, D> destination;
    private final Function<D, String> numberIn;
    private final String label;
    private final String claimKey;
    private final String missingKey;

    /**
     * @param entries the feature's entries by number (read here, written by the feature)
     * @param nameOf an entry's name, which the number claim shows ("conference room Board")
     * @param kind the destinations of this feature ({@code Destination.Conference.class})
     * @param destination the destination of a number ({@code Destination.Conference::new})
     * @param numberIn the number a destination of this kind names ({@code Destination.Conference::room})
     * @param label what a refused delete calls an entry, before its number ("Conference room")
     * @param claimKey the message of the number claim, with the entry's name ({@code claim.conference-room})
     * @param missingKey the problem of a destination naming no entry, with its number
     *     ({@code destination.no-conference-room})
     */
    public NumberedDirectory(
            Map<String, T> entries,
            Function<T, String> nameOf,
            KnownDestinations known,
            Class<D> kind,
            Function<String, D> destination,
            Function<D, String> numberIn,
            String label,
            String claimKey,
            String missingKey) {
        this.entries = Objects.requireNonNull(entries);
        this.nameOf = Objects.requireNonNull(nameOf);
        this.known = Objects.requireNonNull(known);
        this.kind = Objects.requireNonNull(kind);
        this.destination = Objects.requireNonNull(destination);
        this.numberIn = Objects.requireNonNull(numberIn);
        this.label = Objects.requireNonNull(label);
        this.claimKey = Objects.requireNonNull(claimKey);
        this.missingKey = Objects.requireNonNull(missingKey);
    }

    /** What sends calls to {@code number} (routes, menus, time conditions, ring groups, forwarding...). */
    public List<String> usesOf(String number) {
        return known.usesOf(destination.apply(number));
    }

    /**
     * Deletes entry {@code number}: refused while anything sends calls there, then its row ({@code deleteRow}, in
     * the caller's transaction), then the entry in memory.
     *
     * @return false when there is no such entry, or its row was already gone
     * @throws org.tandem.pbx.validation.InUseException naming what sends calls there
     */
    public boolean delete(String number, ToIntFunction<String> deleteRow) {
        if (!entries.containsKey(number)) return false;
        known.refuseIfUsed(destination.apply(number), label + " " + number);
        if (deleteRow.applyAsInt(number) == 0) return false;
        entries.remove(number);
        return true;
    }

    /** The entry that has {@code number}, by name, for {@link org.tandem.pbx.directory.NumberClaims}; else empty. */
    public Optional<FieldError> claimedBy(String number) {
        T entry = entries.get(number);
        return entry == null ? Optional.empty() : Optional.of(FieldError.of(claimKey, nameOf.apply(entry)));
    }

    /** Dialling an entry's number reaches it ({@link NumberedDestinations}); empty for a number not this feature's. */
    public Optional<Destination> destinationOf(String number) {
        return entries.containsKey(number) ? Optional.of(destination.apply(number)) : Optional.empty();
    }

    /** A destination of this kind whose number has no entry ({@link DestinationCheck}); empty for any other. */
    public Optional<FieldError> problem(Destination d) {
        if (kind.isInstance(d)) {
            String number = numberIn.apply(kind.cast(d));
            if (!entries.containsKey(number)) return Optional.of(FieldError.of(missingKey, number));
        }
        return Optional.empty();
    }
}
