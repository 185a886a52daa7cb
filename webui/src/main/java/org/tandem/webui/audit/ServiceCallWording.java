package org.tandem.webui.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says in plain words what a service call made from the web UI changed: {@code UserDirectory.update("201", …)} is
 * "changed user 201", {@code RoutingDirectory.deleteRingGroup("600")} "deleted ring group 600",
 * {@code TimeConditions.setOverride("office", false, …)} "switched time condition office to closed". Only the
 * method's name, the service's name and an identifying argument (a parameter named like {@code extension},
 * {@code number}, {@code name}, {@code id}, {@code mac}) or the created item's id are used: never the other
 * arguments, which may be passwords, PINs or drafts holding SIP secrets.
 */
public final class ServiceCallWording {

    /** Method name prefixes that change something, and how the log says them. */
    private static final List<Map.Entry<String, String>> VERBS = List.of(
            Map.entry("create", "created"),
            Map.entry("add", "added"),
            Map.entry("import", "imported"),
            Map.entry("update", "changed"),
            Map.entry("set", "changed"),
            Map.entry("save", "changed"),
            Map.entry("change", "changed"),
            Map.entry("put", "changed"),
            Map.entry("replace", "changed"),
            Map.entry("reorder", "reordered"),
            Map.entry("delete", "deleted"),
            Map.entry("remove", "removed"),
            Map.entry("revoke", "revoked"),
            Map.entry("unlock", "unlocked"),
            Map.entry("accept", "accepted"),
            Map.entry("resync", "resynced"),
            Map.entry("reprovision", "reprovisioned"),
            Map.entry("upload", "uploaded"),
            Map.entry("toggle", "switched"),
            Map.entry("reset", "reset"));
    /** The thing each service keeps; "" where its method names say it (createRingGroup). */
    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("UserDirectory", "user"),
            Map.entry("RoutingDirectory", ""),
            Map.entry("TrunkDirectory", "trunk"),
            Map.entry("DeviceDirectory", "phone"),
            Map.entry("Blocklist", "blocked number"),
            Map.entry("UserImport", "users"),
            Map.entry("AllowList", "allow list entry"),
            Map.entry("AccountLockouts", "account"),
            Map.entry("ApplianceSetup", "setup"),
            Map.entry("AdminCredentials", "admin account"),
            Map.entry("CertificateAdmin", "certificate"),
            Map.entry("FirstContacts", "phone"),
            Map.entry("PhoneResync", "phone"),
            Map.entry("IvrMenus", "IVR menu"),
            Map.entry("VoicemailBoxes", "voicemail box"),
            Map.entry("CallRecordings", "recording"),
            Map.entry("ApiTokenAdmin", "API token"));
    /** Parameter names whose value identifies the thing changed (compiled with -parameters, as Spring Boot does). */
    private static final Set<String> IDENTIFYING = Set.of(
            "extension",
            "number",
            "name",
            "id",
            "mac",
            "macText",
            "did",
            "account",
            "entry",
            "username",
            "scope",
            "subject",
            "condition");

    private static final List<String> RESULT_IDS =
            List.of("number", "extension", "mac", "did", "id", "name", "username");

    private ServiceCallWording() {}

    /** True for the methods worth recording: their name starts with one of the verbs above. */
    public static boolean changes(String methodName) {
        return verb(methodName) != null;
    }

    /**
     * @param service the audited type (class or port) the call went to
     * @param result  what the call answered: false or an empty Optional mean nothing was changed
     * @return the words and the target, or empty when nothing was changed
     */
    public static Optional<Wording> describe(Class<?> service, Method method, Object[] args, Object result) {
        if (Boolean.FALSE.equals(result)) return Optional.empty();
        if (result instanceof Optional<?> o && o.isEmpty()) return Optional.empty();
        String name = method.getName();
        Map.Entry<String, String> verb = verb(name);
        if (verb == null) return Optional.empty();
        if (name.equals("setOverride") && args.length >= 2) {
            String condition = String.valueOf(args[0]);
            String to = args[1] == null
                    ? "back to its opening hours"
                    : Boolean.TRUE.equals(args[1]) ? "to open" : "to closed";
            return Optional.of(new Wording("switched time condition " + condition + " " + to, condition));
        }
        if (name.equals("toggle")) return Optional.of(new Wording("switched the day/night service", null));
        String rest = words(name.substring(verb.getKey().length()));
        if (rest.equals("csv")) rest = ""; // importCsv: the format is no part of what changed
        String noun = NOUNS.getOrDefault(service.getSimpleName(), nounOf(service.getSimpleName()));
        String target = identifyingArgument(method, args);
        if (target == null) target = idOf(result instanceof Optional<?> o ? o.orElse(null) : result);
        String what = rest.isEmpty() ? noun : noun.isEmpty() ? rest : rest + " of " + noun;
        StringBuilder words = new StringBuilder(verb.getValue());
        if (!what.isEmpty()) words.append(' ').append(what);
        if (target != null) words.append(' ').append(target);
        return Optional.of(new Wording(words.toString(), target));
    }

    /** @param target the changed thing's id, or null */
    public record Wording(String words, String target) {}

    private static Map.Entry<String, String> verb(String methodName) {
        for (Map.Entry<String, String> v : VERBS) {
            String p = v.getKey();
            if (methodName.equals(p)
                    || methodName.startsWith(p) && Character.isUpperCase(methodName.charAt(p.length()))) {
                return v;
            }
        }
        return null;
    }

    private static String identifyingArgument(Method method, Object[] args) {
        Parameter[] params = method.getParameters();
        if (params.length == 0 || args.length == 0 || !IDENTIFYING.contains(params[0].getName())) return null;
        Object a = args[0];
        return a instanceof String || a instanceof Number ? String.valueOf(a) : null;
    }

    private static String idOf(Object item) {
        if (item == null || !item.getClass().isRecord()) return null;
        for (String accessor : RESULT_IDS) {
            try {
                Object v = item.getClass().getMethod(accessor).invoke(item);
                if (v instanceof String || v instanceof Number) return String.valueOf(v);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no such accessor: try the next
            }
        }
        return null;
    }

    /** "TimeConditions" → "time condition", "ConferenceRooms" → "conference room". */
    static String nounOf(String className) {
        String w = words(className.replace("Directory", ""));
        if (w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("xes")) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }

    /** "CallSettings" → "call settings". */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .strip();
    }
}
