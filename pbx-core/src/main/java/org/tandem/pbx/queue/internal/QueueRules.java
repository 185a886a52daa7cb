package org.tandem.pbx.queue.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueueDraft;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** The checks of a submitted queue: every bad field named with a sentence for the admin. */
public final class QueueRules {

    static final Pattern NUMBER = Pattern.compile("[0-9]{2,12}");
    static final int MAX_MEMBERS = 100;
    static final Pattern LEAVE_KEY = Pattern.compile("[0-9*#]");

    /**
     * A new queue's values where its draft has none: ring all, agents ring 15 s, 10 s wrap-up, 300 s max wait, 10
     * callers, no fallback, join when empty, stay when empty, position every 30 s, service level 20 s, no leave key,
     * the system language. The one copy: {@link #check} applies these, the web UI's new queue starts from them
     * ({@link CallQueueDraft#defaults}).
     */
    public static final CallQueueDraft DEFAULTS = new CallQueueDraft(
            "",
            "",
            CallQueue.Strategy.RINGALL.name(),
            List.of(),
            15,
            10,
            300,
            10,
            null,
            true,
            false,
            30,
            20,
            null,
            null,
            null);

    private QueueRules() {}

    /**
     * The queue {@code draft} describes, on top of {@code current} (null for a new queue: the defaults).
     *
     * @throws InvalidInputException naming each bad field
     */
    public static CallQueue check(
            String number, CallQueueDraft d, CallQueue current, Predicate<String> userExists, KnownDestinations known) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (number == null || !NUMBER.matcher(number).matches())
            errors.put("number", FieldError.of("common.digits-2-to-12"));
        String name = d.name() == null
                ? (current == null ? "" : current.name())
                : d.name().strip();
        if (name.isEmpty() || name.length() > 64) errors.put("name", FieldError.of("common.name-64"));
        CallQueue.Strategy strategy =
                current == null ? CallQueue.Strategy.valueOf(DEFAULTS.strategy()) : current.strategy();
        if (d.strategy() != null) {
            try {
                strategy = CallQueue.Strategy.valueOf(d.strategy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put(
                        "strategy",
                        FieldError.of(
                                "common.one-of",
                                Arrays.toString(CallQueue.Strategy.values()).replaceAll("[\\[\\]]", "")));
            }
        }
        List<String> members = d.members() == null
                ? (current == null ? List.of() : current.members())
                : members(d.members(), userExists, errors);
        int ring = range(
                errors,
                "agentRingSeconds",
                d.agentRingSeconds(),
                current == null ? DEFAULTS.agentRingSeconds() : current.agentRingSeconds(),
                5,
                300);
        int wrapUp = range(
                errors,
                "wrapUpSeconds",
                d.wrapUpSeconds(),
                current == null ? DEFAULTS.wrapUpSeconds() : current.wrapUpSeconds(),
                0,
                3600);
        int maxWait = range(
                errors,
                "maxWaitSeconds",
                d.maxWaitSeconds(),
                current == null ? DEFAULTS.maxWaitSeconds() : current.maxWaitSeconds(),
                0,
                86400);
        int maxCallers = range(
                errors,
                "maxCallers",
                d.maxCallers(),
                current == null ? DEFAULTS.maxCallers() : current.maxCallers(),
                0,
                500);
        int announce = range(
                errors,
                "announceSeconds",
                d.announceSeconds(),
                current == null ? DEFAULTS.announceSeconds() : current.announceSeconds(),
                0,
                3600);
        if (announce > 0 && announce < 5) errors.put("announceSeconds", FieldError.of("queue.announce-seconds"));
        int level = range(
                errors,
                "serviceLevelSeconds",
                d.serviceLevelSeconds(),
                current == null ? DEFAULTS.serviceLevelSeconds() : current.serviceLevelSeconds(),
                1,
                3600);
        Destination fallback = current == null ? null : current.fallback();
        if (d.fallback() != null) {
            Destination self =
                    NUMBER.matcher(number == null ? "" : number).matches() ? new Destination.Queue(number) : null;
            fallback = known.parse(errors, "fallback", d.fallback(), self);
            if (fallback != null && fallback.equals(self)) {
                errors.put("fallback", FieldError.of("queue.fallback-itself"));
            }
        }
        String leaveKey = current == null ? null : current.leaveKey();
        Destination leaveTo = current == null ? null : current.leaveDestination();
        if (d.leaveKey() != null) {
            leaveKey = d.leaveKey().strip().isEmpty() ? null : d.leaveKey().strip();
            if (leaveKey == null) leaveTo = null; // no key: nowhere to lead
            else if (!LEAVE_KEY.matcher(leaveKey).matches()) errors.put("leaveKey", FieldError.of("queue.leave-key"));
        }
        if (d.leaveDestination() != null) {
            Destination self =
                    NUMBER.matcher(number == null ? "" : number).matches() ? new Destination.Queue(number) : null;
            leaveTo = known.parse(errors, "leaveDestination", d.leaveDestination(), self);
            if (leaveTo != null && leaveTo.equals(self)) {
                errors.put("leaveDestination", FieldError.of("queue.leave-itself"));
            }
        }
        if (!errors.containsKey("leaveKey") && !errors.containsKey("leaveDestination")) {
            if (leaveKey != null && leaveTo == null) {
                errors.put("leaveDestination", FieldError.of("queue.leave-destination-needed"));
            } else if (leaveKey == null && leaveTo != null) {
                errors.put("leaveKey", FieldError.of("queue.leave-key-needed", leaveTo));
            }
        }
        String language = current == null ? null : current.language();
        if (d.language() != null) {
            String given = d.language().isBlank() ? null : d.language();
            Language.problem(given).ifPresent(p -> errors.put("language", p));
            language = given == null ? null : Language.orEnglish(given).code();
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new CallQueue(
                number,
                name,
                strategy,
                members,
                ring,
                wrapUp,
                maxWait,
                maxCallers,
                fallback,
                flag(d.joinEmpty(), current == null ? DEFAULTS.joinEmpty() : current.joinEmpty()),
                flag(d.leaveWhenEmpty(), current == null ? DEFAULTS.leaveWhenEmpty() : current.leaveWhenEmpty()),
                announce,
                level,
                leaveKey,
                leaveTo,
                language);
    }

    private static List<String> members(
            List<String> given, Predicate<String> userExists, Map<String, FieldError> errors) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (given.size() > MAX_MEMBERS) errors.put("members", FieldError.of("queue.max-agents", MAX_MEMBERS));
        for (int i = 0; i < given.size(); i++) {
            String ext = given.get(i) == null ? "" : given.get(i).strip();
            String field = "members[" + i + "]";
            String named = Destination.Extension.numberIn(ext);
            if (named != null) ext = named;
            if (!userExists.test(ext)) {
                errors.put(
                        field,
                        ext.isEmpty()
                                ? FieldError.of("common.extension-empty")
                                : FieldError.of("destination.no-extension", ext));
            } else if (!seen.add(ext)) {
                errors.put(field, FieldError.of("common.extension-twice", ext));
            } else {
                out.add(ext);
            }
        }
        return out;
    }

    private static int range(Map<String, FieldError> errors, String field, Integer given, int dflt, int min, int max) {
        int v = given == null ? dflt : given;
        if (v < min || v > max) errors.put(field, FieldError.of("common.range", min, max));
        return v;
    }

    private static boolean flag(Boolean given, boolean dflt) {
        return given == null ? dflt : given;
    }
}
