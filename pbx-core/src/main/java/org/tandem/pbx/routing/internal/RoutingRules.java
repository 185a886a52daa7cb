package org.tandem.pbx.routing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.pbx.routing.BusyPolicy;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of routing input; every message names its field and says what is allowed. */
public final class RoutingRules {

    static final Pattern GROUP_NUMBER = Pattern.compile("[0-9]{2,12}");
    static final Pattern PICKUP_GROUP = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    static final Pattern FEATURE_CODE = Pattern.compile("[*#][0-9*#]{0,7}");
    static final int MIN_RING = 5;
    static final int MAX_RING = 300;
    static final int MAX_MEMBERS = 50;

    private RoutingRules() {}

    public static CallSettings callSettings(String extension, CallSettingsDraft d) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Destination always = destination(errors, "forwardAlways", d.forwardAlways(), extension);
        Destination busy = destination(errors, "forwardBusy", d.forwardBusy(), extension);
        Destination noAnswer = destination(errors, "forwardNoAnswer", d.forwardNoAnswer(), extension);
        int seconds = d.noAnswerSeconds() == null ? CallSettings.DEFAULT_NO_ANSWER_SECONDS : d.noAnswerSeconds();
        if (seconds < MIN_RING || seconds > MAX_RING) {
            errors.put("noAnswerSeconds", FieldError.of("common.range-seconds", MIN_RING, MAX_RING));
        }
        String mobile = blankToNull(d.mobileNumber());
        if (mobile != null && !Destination.NUMBER.matcher(mobile).matches()) {
            errors.put("mobileNumber", FieldError.of("common.phone-number-digits"));
        }
        boolean ringMobile = Boolean.TRUE.equals(d.ringMobile());
        if (ringMobile && mobile == null) errors.put("ringMobile", FieldError.of("routing.ring-mobile-without-number"));
        BusyPolicy policy = BusyPolicy.ALL;
        if (d.busyWhen() != null && !d.busyWhen().isBlank()) {
            try {
                policy = BusyPolicy.valueOf(d.busyWhen().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("busyWhen", FieldError.of("routing.busy-when"));
            }
        }
        String pickup = blankToNull(d.pickupGroup());
        if (pickup != null && !PICKUP_GROUP.matcher(pickup).matches()) {
            errors.put("pickupGroup", FieldError.of("routing.pickup-group"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new CallSettings(
                extension,
                Boolean.TRUE.equals(d.dnd()),
                always,
                busy,
                noAnswer,
                seconds,
                mobile,
                ringMobile,
                policy,
                pickup);
    }

    public static RingGroup ringGroup(String number, RingGroupDraft d) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (number == null || !GROUP_NUMBER.matcher(number).matches())
            errors.put("number", FieldError.of("common.digits-2-to-12"));
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 64) errors.put("name", FieldError.of("common.name-64"));
        RingGroup.Strategy strategy = RingGroup.Strategy.SIMULTANEOUS;
        if (d.strategy() != null && !d.strategy().isBlank()) {
            try {
                strategy = RingGroup.Strategy.valueOf(d.strategy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("strategy", FieldError.of("ringgroup.strategy"));
            }
        }
        int ring = d.ringSeconds() == null ? 20 : d.ringSeconds();
        if (ring < MIN_RING || ring > MAX_RING)
            errors.put("ringSeconds", FieldError.of("common.range-seconds", MIN_RING, MAX_RING));
        List<RingGroup.Member> members = new ArrayList<>();
        List<RingGroupDraft.MemberDraft> drafts = d.members() == null ? List.of() : d.members();
        if (drafts.isEmpty() || drafts.size() > MAX_MEMBERS)
            errors.put("members", FieldError.of("ringgroup.members-count", MAX_MEMBERS));
        for (int i = 0; i < drafts.size(); i++) {
            RingGroupDraft.MemberDraft m = drafts.get(i);
            String field = "members[" + i + "]";
            try {
                Destination dest = Destination.parse(m == null ? null : m.destination(), field + ".destination");
                if (!(dest instanceof Destination.Extension) && !(dest instanceof Destination.External)) {
                    errors.put(field + ".destination", FieldError.of("ringgroup.member-destination"));
                    continue;
                }
                int seconds = m.ringSeconds() == null ? ring : m.ringSeconds();
                if (seconds < MIN_RING || seconds > MAX_RING) {
                    errors.put(field + ".ringSeconds", FieldError.of("common.range-seconds", MIN_RING, MAX_RING));
                }
                members.add(new RingGroup.Member(dest, seconds));
            } catch (InvalidInputException e) {
                errors.putAll(e.errors());
            }
        }
        Destination fallback = destination(errors, "fallback", d.fallback(), null);
        if (fallback instanceof Destination.RingGroup g && g.number().equals(number)) {
            errors.put("fallback", FieldError.of("ringgroup.fallback-itself"));
        }
        String prefix = d.callerIdPrefix() == null || d.callerIdPrefix().isEmpty() ? null : d.callerIdPrefix();
        if (prefix != null
                && (prefix.length() > 16
                        || prefix.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '<' || c == '>'))) {
            errors.put("callerIdPrefix", FieldError.of("ringgroup.caller-id-prefix"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new RingGroup(number, name, strategy, ring, members, fallback, prefix);
    }

    /** Checks a full set of feature codes: each well-formed, none used twice, none a prefix of another. */
    public static void featureCodes(Map<Feature, String> codes) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (Map.Entry<Feature, String> e : codes.entrySet()) {
            String code = e.getValue();
            if (code == null || !FEATURE_CODE.matcher(code).matches()) {
                errors.put(e.getKey().name(), FieldError.of("feature-code.form"));
            }
        }
        for (Map.Entry<Feature, String> a : codes.entrySet()) {
            for (Map.Entry<Feature, String> b : codes.entrySet()) {
                if (a.getKey() == b.getKey() || errors.containsKey(a.getKey().name()) || a.getValue() == null) continue;
                if (a.getValue().equals(b.getValue())) {
                    errors.put(a.getKey().name(), FieldError.of("feature-code.same-as", feature(b.getKey())));
                } else if (!a.getKey().takesArgument()
                        && b.getValue() != null
                        && b.getValue().startsWith(a.getValue())
                        && !b.getKey().takesArgument()) {
                    errors.put(
                            b.getKey().name(),
                            FieldError.of("feature-code.prefix-of", feature(a.getKey()), a.getValue()));
                }
            }
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
    }

    /** The feature's name in words, lower-case, as the middle of a sentence ("own voicemail"). */
    private static FieldError feature(Feature f) {
        return FieldError.of("feature." + f.name());
    }

    private static Destination destination(Map<String, FieldError> errors, String field, String text, String self) {
        if (text == null || text.isBlank()) return null;
        try {
            Destination d = Destination.parse(text, field);
            if (self != null
                    && d instanceof Destination.Extension e
                    && e.extension().equals(self)) {
                errors.put(field, FieldError.of("routing.forward-to-itself"));
            }
            return d;
        } catch (InvalidInputException e) {
            errors.putAll(e.errors());
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
