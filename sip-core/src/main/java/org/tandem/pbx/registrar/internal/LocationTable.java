package org.tandem.pbx.registrar.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;

/**
 * The location service in memory (RFC 3261 §10.3): AOR → its bindings, plus an index by Contact URI
 * for {@link #findByContact}. Each AOR's bindings are an immutable map swapped atomically with
 * {@code compute}, so REGISTERs for one AOR arriving on different Call-ID stripes never interleave and
 * readers never wait. Expired bindings stay until pruned but are never returned.
 */
public class LocationTable implements LocationService {

    private static final Comparator<Binding> BY_PREFERENCE = Comparator.comparingInt(Binding::q)
            .reversed()
            .thenComparing(Binding::registeredAt, Comparator.reverseOrder());

    /**
     * An AOR with no binding. Every AOR's bindings are held in this one map class whatever their count ({@link
     * #frozen}): with {@code Map.of}/{@code Map.copyOf} an AOR's second Contact turned its map from one class into
     * another, the JIT's type checks in the REGISTER path failed and it recompiled the path in the middle of the
     * load (a first registration of 500 new Contacts after a warm-up of refreshes: ~45 class-check deoptimisations;
     * issue 23, bench/RESULTS.md session 45).
     */
    private static final Map<String, Binding> NONE = frozen(Map.of());

    private final Map<String, Map<String, Binding>> byAor = new ConcurrentHashMap<>();
    private final Map<String, Binding> byContact = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Predicate<Binding> flowOpen;

    public LocationTable(Clock clock) {
        this(clock, b -> true);
    }

    /** @param flowOpen whether a binding's TCP/TLS connection still stands (RFC 5626 §5.3, see {@link #targets}) */
    public LocationTable(Clock clock, Predicate<Binding> flowOpen) {
        this.clock = clock;
        this.flowOpen = flowOpen;
    }

    @Override
    public List<Binding> targets(String extension) {
        return targets(extension, flowOpen);
    }

    @Override
    public List<Binding> lookup(String extension) {
        Map<String, Binding> m = extension == null ? null : byAor.get(extension);
        if (m == null) return List.of();
        Instant now = clock.instant();
        // a loop, not a stream: read for every REGISTER's 200 and every call, mostly for one or two bindings (issue 23)
        List<Binding> live = new ArrayList<>(m.size());
        for (Binding b : m.values()) {
            if (!b.isExpired(now)) live.add(b);
        }
        if (live.size() > 1) live.sort(BY_PREFERENCE);
        return Collections.unmodifiableList(live);
    }

    @Override
    public Optional<Binding> findByContact(String contactUri) {
        if (contactUri == null) return Optional.empty();
        Binding b = byContact.get(ContactKey.of(contactUri));
        return b == null || b.isExpired(clock.instant()) ? Optional.empty() : Optional.of(b);
    }

    @Override
    public List<Binding> all() {
        Instant now = clock.instant();
        List<Binding> out = new ArrayList<>();
        byAor.values()
                .forEach(m -> m.values().forEach(b -> {
                    if (!b.isExpired(now)) out.add(b);
                }));
        out.sort(Comparator.comparing(Binding::extension).thenComparing(BY_PREFERENCE));
        return out;
    }

    /** The AOR's bindings as stored (expired ones included), key → binding. */
    Map<String, Binding> current(String aor) {
        return byAor.getOrDefault(aor, NONE);
    }

    /**
     * Applies {@code change} to the AOR's current bindings atomically.
     *
     * @return the change's result and the bindings it replaced (for a rollback)
     */
    Update update(String aor, Function<Map<String, Binding>, BindingChange.Result> change) {
        Object[] holder = new Object[2];
        byAor.compute(aor, (k, cur) -> {
            Map<String, Binding> before = cur == null ? NONE : cur;
            BindingChange.Result r = change.apply(before);
            holder[0] = r;
            holder[1] = before;
            if (!(r instanceof BindingChange.Applied a) || a.changesNothing()) return cur;
            Map<String, Binding> after = frozen(a.bindings());
            reindex(before, after);
            return after.isEmpty() ? null : after;
        });
        return new Update((BindingChange.Result) holder[0], cast(holder[1]));
    }

    record Update(BindingChange.Result result, Map<String, Binding> before) {}

    /** Sets an AOR's bindings (start-up load, rollback, reload after a failed write). */
    void replace(String aor, Map<String, Binding> bindings) {
        byAor.compute(aor, (k, cur) -> {
            Map<String, Binding> after = frozen(bindings);
            reindex(cur == null ? NONE : cur, after);
            return after.isEmpty() ? null : after;
        });
    }

    /** Rolls back to {@code before} only if nobody changed the AOR since {@code after} was set. */
    boolean restoreIfUnchanged(String aor, Map<String, Binding> after, Map<String, Binding> before) {
        boolean[] restored = {false};
        byAor.compute(aor, (k, cur) -> {
            Map<String, Binding> now = cur == null ? NONE : cur;
            if (!now.equals(after)) return cur;
            restored[0] = true;
            Map<String, Binding> back = frozen(before);
            reindex(now, back);
            return back.isEmpty() ? null : back;
        });
        return restored[0];
    }

    /** Removes every binding of an AOR (user deleted); returns what was removed. */
    Map<String, Binding> removeAor(String aor) {
        Map<String, Binding> removed = byAor.remove(aor);
        if (removed == null) return NONE;
        removed.forEach((key, b) -> byContact.remove(key, b));
        return removed;
    }

    /** Drops expired bindings; returns how many. */
    int pruneExpired() {
        Instant now = clock.instant();
        int[] count = {0};
        for (String aor : byAor.keySet()) {
            byAor.computeIfPresent(aor, (k, cur) -> {
                if (cur.values().stream().noneMatch(b -> b.isExpired(now))) return cur;
                Map<String, Binding> kept = new LinkedHashMap<>();
                cur.forEach((key, b) -> {
                    if (b.isExpired(now)) count[0]++;
                    else kept.put(key, b);
                });
                Map<String, Binding> after = frozen(kept);
                reindex(cur, after);
                return after.isEmpty() ? null : after;
            });
        }
        return count[0];
    }

    private void reindex(Map<String, Binding> before, Map<String, Binding> after) {
        before.forEach((key, b) -> {
            if (!after.containsKey(key)) byContact.remove(key, b);
        });
        byContact.putAll(after);
    }

    /** An unmodifiable copy, in {@code bindings}' order, of the one class every AOR's bindings are held in. */
    private static Map<String, Binding> frozen(Map<String, Binding> bindings) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Binding> cast(Object o) {
        return (Map<String, Binding>) o;
    }
}
