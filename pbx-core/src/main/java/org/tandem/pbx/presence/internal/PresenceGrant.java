package org.tandem.pbx.presence.internal;

import java.util.HashSet;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The narrower transformations of presence rules (RFC 5025 §3.3): which services (tuples), persons and devices a
 * watcher gets — all of them or those a value names — and which of their attributes.
 */
final class PresenceGrant {

    /** RFC 5025 §3.3: the elements a {@code <provide-x>true</provide-x>} grants, by local name. */
    static final Set<String> ATTRIBUTES = Set.of(
            "activities",
            "class",
            "deviceID",
            "mood",
            "place-is",
            "place-type",
            "privacy",
            "relationship",
            "sphere",
            "status-icon",
            "time-offset",
            "note");

    /** RFC 5025 §3.3 {@code provide-user-input}, in the order of what it shows (the largest wins). */
    enum UserInput {
        FALSE,
        BARE,
        THRESHOLDS,
        FULL
    }

    /**
     * RFC 5025 §3.3.1-3.3.3: {@code <all-x/>}, or the services (by contact URI, its scheme), occurrences (element id),
     * classes and devices named; a component is given when any value names it.
     */
    record Selection(
            boolean all,
            Set<String> serviceUris,
            Set<String> schemes,
            Set<String> occurrenceIds,
            Set<String> classes,
            Set<String> deviceIds) {

        static final Selection ALL = new Selection(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        static final Selection NONE = new Selection(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        /** Whether anything is given at all. */
        boolean any() {
            return all
                    || !serviceUris.isEmpty()
                    || !schemes.isEmpty()
                    || !occurrenceIds.isEmpty()
                    || !classes.isEmpty()
                    || !deviceIds.isEmpty();
        }

        /** RFC 4745 §10.2: the union of what two matching rules give. */
        Selection or(Selection o) {
            if (all || o.all) return ALL;
            return new Selection(
                    false,
                    union(serviceUris, o.serviceUris),
                    union(schemes, o.schemes),
                    union(occurrenceIds, o.occurrenceIds),
                    union(classes, o.classes),
                    union(deviceIds, o.deviceIds));
        }

        /** Whether the component with these values (any may be null) is given. */
        boolean covers(String occurrenceId, String contact, String deviceId, String cls) {
            if (all) return true;
            if (has(occurrenceIds, occurrenceId) || has(classes, cls) || has(deviceIds, deviceId)) return true;
            if (contact == null) return false;
            int colon = contact.indexOf(':');
            return serviceUris.contains(contact)
                    || colon > 0 && schemes.contains(contact.substring(0, colon).toLowerCase());
        }

        private static boolean has(Set<String> values, String value) {
            return value != null && values.contains(value); // Set.of refuses to look for null
        }

        /** The selection of {@code <provide-x>} (null: nothing). */
        static Selection of(Element provide, String all) {
            if (provide == null) return NONE;
            if (!PidfDocument.children(provide, PresenceRules.PRES_RULES, all).isEmpty()) return ALL;
            return new Selection(
                    false,
                    values(provide, "service-uri"),
                    lower(values(provide, "service-uri-scheme")),
                    values(provide, "occurrence-id"),
                    values(provide, "class"),
                    values(provide, "deviceID"));
        }

        private static Set<String> values(Element provide, String name) {
            Set<String> out = new HashSet<>();
            for (Element e : PidfDocument.children(provide, PresenceRules.PRES_RULES, name)) {
                out.add(e.getTextContent().strip());
            }
            return Set.copyOf(out);
        }

        private static Set<String> lower(Set<String> s) {
            Set<String> out = new HashSet<>();
            for (String v : s) out.add(v.toLowerCase());
            return Set.copyOf(out);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> out = new HashSet<>(a);
            out.addAll(b);
            return Set.copyOf(out);
        }
    }

    private PresenceGrant() {}
}
