package org.tandem.appliance.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Says what a successful {@code POST/PUT/PATCH/DELETE /api/v1/...} did, from its method and path alone (never its
 * body, which may carry passwords): {@code PUT /api/v1/users/201} is "changed user 201",
 * {@code DELETE /api/v1/ring-groups/600} "deleted ring group 600", {@code POST /api/v1/users} with
 * {@code Location: /api/v1/users/202} "created user 202", {@code PUT /api/v1/users/201/call-settings} "changed call
 * settings of user 201", {@code POST /api/v1/devices/{mac}/resync} "resynced device …". The REST API's paths
 * follow one pattern (collection / id / sub-resource), so a new controller is worded without a change here.
 */
public final class ApiActionWording {

    private static final Map<String, String> NOUNS = Map.of(
            "tokens",
            "API token",
            "ivr-menus",
            "IVR menu",
            "voicemail",
            "voicemail box",
            "blocklist",
            "blocked number",
            "calls",
            "call",
            "park",
            "park settings",
            "security",
            "security settings",
            "settings",
            "settings");
    /** Second path segments that name a part of a collection, not one of its items. */
    private static final Set<String> PARTS = Set.of(
            "policy", "order", "default", "allow-list", "password", "import", "signing-request", "smtp", "lockouts");

    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("import", "imported"),
            Map.entry("test", "tested"),
            Map.entry("accept", "accepted"),
            Map.entry("resync", "resynced"),
            Map.entry("reprovision", "reprovisioned"),
            Map.entry("hangup", "hung up"),
            Map.entry("transfer", "transferred"),
            Map.entry("signing-request", "made a signing request for"),
            Map.entry("allow-list", "added to the allow list of"),
            Map.entry("backup", "made a backup"),
            Map.entry("restore", "restored a backup"),
            Map.entry("day-night", "switched the day/night service"));

    /** Verbs that say the whole action ("made a backup"), without the collection after them. */
    private static final Set<String> WHOLE = Set.of("backup", "restore", "day-night");

    private ApiActionWording() {}

    /**
     * @param path     the request path from {@code /api/v1/} on
     * @param location the answer's {@code Location} header (a creation's new item), or null
     * @param state    the {@code state} of an override request body (OPEN, CLOSED, SCHEDULE), or null
     */
    public static ApiAction describe(String method, String path, String location, String state) {
        List<String> s = segments(path);
        String m = method.toUpperCase(Locale.ROOT);
        if (s.isEmpty()) return new ApiAction(m.toLowerCase(Locale.ROOT) + " " + path, null);
        String coll = s.get(0);
        String noun = noun(coll);
        if (s.size() == 1) {
            if (VERBS.containsKey(coll)) return new ApiAction(VERBS.get(coll), null);
            return switch (m) {
                case "POST" -> created(noun, location);
                case "DELETE" -> new ApiAction("deleted " + words(coll), null);
                default -> new ApiAction("changed " + words(coll), null);
            };
        }
        String id = s.get(1);
        if (s.size() == 2 && (PARTS.contains(id) || VERBS.containsKey(id))) {
            if (m.equals("POST") && WHOLE.contains(id)) return new ApiAction(VERBS.get(id), null);
            if (m.equals("POST") && VERBS.containsKey(id))
                return new ApiAction(VERBS.get(id) + " " + words(coll), null);
            return new ApiAction(verb(m) + " " + words(id) + " of " + words(coll), null);
        }
        if (coll.equals("security") && id.equals("lockouts") && s.size() == 3) {
            return new ApiAction("unlocked account " + s.get(2), s.get(2));
        }
        if (coll.equals("recording-rules") && s.size() == 3) {
            return new ApiAction(verb(m) + " recording rule for " + words(id) + " " + s.get(2), s.get(2));
        }
        if (s.size() == 2) {
            return new ApiAction(verb(m) + " " + noun + " " + id, id);
        }
        String sub = s.get(2);
        if (s.size() == 3) {
            if (coll.equals("time-conditions") && sub.equals("override")) return switched(id, state);
            if (m.equals("POST")) {
                String v = VERBS.getOrDefault(sub, "ran " + words(sub) + " on");
                return new ApiAction(v + " " + noun + " " + id, id);
            }
            return new ApiAction(verb(m) + " " + words(sub) + " of " + noun + " " + id, id);
        }
        String rest = String.join(" ", s.subList(3, s.size()));
        return new ApiAction(
                verb(m) + " " + singular(sub).replace('-', ' ') + " " + rest + " of " + noun + " " + id, id);
    }

    private static ApiAction switched(String condition, String state) {
        String to = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
        String words = switch (to) {
            case "OPEN" -> "switched time condition " + condition + " to open";
            case "CLOSED" -> "switched time condition " + condition + " to closed";
            case "SCHEDULE" -> "switched time condition " + condition + " back to its opening hours";
            default -> "switched time condition " + condition;
        };
        return new ApiAction(words, condition);
    }

    private static ApiAction created(String noun, String location) {
        String target = null;
        if (location != null && !location.isBlank()) {
            String l = location.strip();
            int q = l.indexOf('?');
            if (q >= 0) l = l.substring(0, q);
            if (l.endsWith("/")) l = l.substring(0, l.length() - 1);
            target = decode(l.substring(l.lastIndexOf('/') + 1));
        }
        return new ApiAction("created " + noun + (target == null || target.isEmpty() ? "" : " " + target), target);
    }

    private static String verb(String method) {
        return switch (method) {
            case "DELETE" -> "deleted";
            case "POST" -> "added";
            default -> "changed";
        };
    }

    static String noun(String collection) {
        String n = NOUNS.get(collection);
        return n != null ? n : singular(collection).replace('-', ' ');
    }

    private static String words(String segment) {
        return segment.replace('-', ' ');
    }

    static String singular(String word) {
        if (word.endsWith("ies")) return word.substring(0, word.length() - 3) + "y";
        if (word.endsWith("xes") || word.endsWith("ches")) return word.substring(0, word.length() - 2);
        if (word.endsWith("s") && !word.endsWith("ss")) return word.substring(0, word.length() - 1);
        return word;
    }

    private static List<String> segments(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        if (p.startsWith("/api/v1")) p = p.substring("/api/v1".length());
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (!part.isEmpty()) out.add(decode(part));
        }
        return out;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
