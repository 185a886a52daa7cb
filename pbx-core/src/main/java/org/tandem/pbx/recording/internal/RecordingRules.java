package org.tandem.pbx.recording.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tandem.pbx.anchor.CallRecorder.Involved;
import org.tandem.pbx.recording.RecordingMode;
import org.tandem.pbx.recording.RecordingRule;
import org.tandem.pbx.recording.RuleScope;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The recording rules (issue 18), stored by {@link RecordingRepository} and served from memory on the call path:
 * NEVER of any party wins, then ALWAYS of any party; else the users whose rule says ON_DEMAND may record on demand.
 * A recording is announced when a rule that asked for it (an ALWAYS one, the ON_DEMAND users', the queue's) says so.
 */
public final class RecordingRules {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9+._-]{1,64}");

    /**
     * What the rules say about one call: recorded whole, or on demand by these users, or (neither) not at all; and
     * whether its recordings are announced.
     */
    public record Verdict(boolean always, Set<String> onDemand, boolean announce) {
        static final Verdict NONE = new Verdict(false, Set.of(), false);

        public boolean records() {
            return always || !onDemand.isEmpty();
        }
    }

    /**
     * The rules as they are in the database, by scope and lower-case subject: one immutable snapshot, replaced whole
     * after every change ({@link #set}, {@link #delete}: the only writers of the table; a restore restarts the
     * context), so a call sees the rules before or after a change, never half of it.
     *
     * @param parties whether any rule is about a call's parties (a user, trunk or DID): without one, no call is
     *                recorded but a queue's (issue 23: the usual case, answered before any subject is looked up)
     */
    private record Loaded(Map<RuleScope, Map<String, RecordingRule>> byScope, boolean parties) {

        RecordingRule get(RuleScope scope, String subject) {
            Map<String, RecordingRule> ofScope = byScope.get(scope);
            return ofScope == null ? null : ofScope.get(subject.toLowerCase(Locale.ROOT));
        }
    }

    private final RecordingRepository repository;
    private volatile Loaded rules;

    public RecordingRules(RecordingRepository repository) {
        this.repository = repository;
        this.rules = load(repository.rules());
    }

    public List<RecordingRule> list() {
        return repository.rules();
    }

    /**
     * Checks and saves a rule; ON_DEMAND is for users only (only a party can dial the code); a NEVER rule records
     * nothing to announce. {@code announce} null: no announcement.
     */
    public synchronized RecordingRule set(String scope, String subject, String mode, Boolean announce) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        RuleScope s = parse(RuleScope.class, scope, "scope", errors);
        RecordingMode m = parse(RecordingMode.class, mode, "mode", errors);
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            errors.put("subject", FieldError.of("recording.subject"));
        }
        if (m == RecordingMode.ON_DEMAND && s != null && s != RuleScope.USER) {
            errors.put("mode", FieldError.of("recording.on-demand-users-only", s));
        }
        boolean announced = Boolean.TRUE.equals(announce);
        if (announced && m == RecordingMode.NEVER) {
            errors.put("announce", FieldError.of("recording.never-announce"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        RecordingRule rule = new RecordingRule(s, subject, m, announced);
        repository.saveRule(rule);
        rules = load(repository.rules());
        return rule;
    }

    public synchronized boolean delete(String scope, String subject) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        RuleScope s = parse(RuleScope.class, scope, "scope", errors);
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        boolean removed = repository.deleteRule(s, subject) > 0;
        rules = load(repository.rules());
        return removed;
    }

    /** A call through the proxy: its caller, the users rung, the trunk and DID it came in on. Memory only. */
    public Verdict verdict(Involved involved) {
        Loaded now = rules;
        if (!now.parties()) return Verdict.NONE; // what the rest says when no party can have a rule
        List<RecordingRule> found = new ArrayList<>();
        collect(now, involved, found);
        if (has(found, RecordingMode.NEVER)) return Verdict.NONE;
        if (has(found, RecordingMode.ALWAYS))
            return new Verdict(true, Set.of(), announced(found, RecordingMode.ALWAYS));
        Set<String> onDemand = new LinkedHashSet<>();
        for (RecordingRule r : found) {
            if (r.mode() == RecordingMode.ON_DEMAND) onDemand.add(r.subject());
        }
        return onDemand.isEmpty()
                ? Verdict.NONE
                : new Verdict(false, onDemand, announced(found, RecordingMode.ON_DEMAND));
    }

    /** A queue call an agent answered: recorded when the queue's rule says ALWAYS and no party's says NEVER. */
    public Verdict queueVerdict(String queue, Involved involved) {
        Loaded now = rules;
        RecordingRule rule = queue == null ? null : now.get(RuleScope.QUEUE, queue);
        if (rule == null || rule.mode() != RecordingMode.ALWAYS) return Verdict.NONE;
        List<RecordingRule> found = new ArrayList<>();
        collect(now, involved, found);
        return has(found, RecordingMode.NEVER) ? Verdict.NONE : new Verdict(true, Set.of(), rule.announce());
    }

    /** The rules of the call's parties: its caller, the users rung, the trunk and DID it came in on (or the trunk out). */
    private static void collect(Loaded rules, Involved involved, List<RecordingRule> found) {
        add(rules, found, RuleScope.USER, involved.callerExtension());
        for (String e : involved.calleeExtensions()) add(rules, found, RuleScope.USER, e);
        add(rules, found, RuleScope.TRUNK, involved.trunk());
        add(rules, found, RuleScope.DID, involved.did());
    }

    private static void add(Loaded rules, List<RecordingRule> found, RuleScope scope, String subject) {
        if (subject == null) return;
        RecordingRule r = rules.get(scope, subject);
        if (r != null) found.add(r);
    }

    private static boolean has(List<RecordingRule> found, RecordingMode mode) {
        return found.stream().anyMatch(r -> r.mode() == mode);
    }

    private static boolean announced(List<RecordingRule> found, RecordingMode mode) {
        return found.stream().anyMatch(r -> r.mode() == mode && r.announce());
    }

    private static Loaded load(List<RecordingRule> list) {
        Map<RuleScope, Map<String, RecordingRule>> byScope = new EnumMap<>(RuleScope.class);
        for (RecordingRule r : list) {
            byScope.computeIfAbsent(r.scope(), s -> new HashMap<>())
                    .put(r.subject().toLowerCase(Locale.ROOT), r);
        }
        byScope.replaceAll((scope, rules) -> Map.copyOf(rules));
        boolean parties = byScope.keySet().stream().anyMatch(s -> s != RuleScope.QUEUE);
        return new Loaded(Map.copyOf(byScope), parties);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Map<String, FieldError> errors) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(field, FieldError.of("common.one-of-list", Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
