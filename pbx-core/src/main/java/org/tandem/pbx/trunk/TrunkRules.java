package org.tandem.pbx.trunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of trunk input, shared by the REST API and (later) the web UI through {@link TrunkDirectory}. */
final class TrunkRules {

    static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,;?/%-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]/]{2,64}");

    /** A draft with every default applied and every field checked. */
    record Checked(
            String host,
            int port,
            String transport,
            String username,
            String authUsername,
            String fromDomain,
            boolean register,
            int registerExpiry,
            List<String> inboundAddresses,
            CallerIdPolicy policy,
            String callerId,
            boolean assertIdentity,
            Integer maxChannels,
            List<String> codecs,
            DtmfMode dtmfMode,
            String template) {}

    /**
     * What a draft's none stands for: port 5060 over UDP, no registration (expiry 3600 once on), the caller's number,
     * any codec, RFC 4733 digits, no template. The one copy: {@link #check} applies these, the web UI's new trunk
     * starts from them ({@link TrunkDraft#defaults}).
     */
    static final TrunkDraft DEFAULTS = new TrunkDraft(
            "",
            "",
            5060,
            "udp",
            null,
            null,
            null,
            null,
            false,
            3600,
            List.of(),
            CallerIdPolicy.CALLER.name(),
            null,
            false,
            null,
            null,
            DtmfMode.RFC4733.code(),
            null);

    private TrunkRules() {}

    /** @param templates the provider templates a trunk may name */
    static Checked check(TrunkDraft d, boolean creating, boolean hasPassword, Set<String> templates) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (creating && (d.id() == null || !ID.matcher(d.id()).matches())) {
            errors.put("id", FieldError.of("common.id-32"));
        }
        String host = strip(d.host());
        if (host == null) errors.put("host", FieldError.of("trunk.host-required"));
        else if (!HOST.matcher(host).matches()) errors.put("host", FieldError.of("trunk.host"));
        int port = d.port() == null ? DEFAULTS.port() : d.port();
        if (port < 1 || port > 65535) errors.put("port", FieldError.of("common.port"));
        String transport = d.transport() == null
                ? DEFAULTS.transport()
                : d.transport().strip().toLowerCase(Locale.ROOT);
        if (!List.of("udp", "tcp", "tls").contains(transport))
            errors.put("transport", FieldError.of("trunk.transport"));
        String username = strip(d.username());
        if (username != null && !SIP_USER.matcher(username).matches()) {
            errors.put("username", FieldError.of("common.sip-user"));
        }
        String authUsername = strip(d.authUsername());
        if (authUsername != null && !SIP_USER.matcher(authUsername).matches()) {
            errors.put("authUsername", FieldError.of("common.sip-user"));
        }
        if (d.password() != null
                && (d.password().isEmpty()
                        || d.password().length() > 128
                        || d.password().chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            errors.put("password", FieldError.of("trunk.password"));
        }
        String fromDomain = strip(d.fromDomain());
        if (fromDomain != null && !HOST.matcher(fromDomain).matches())
            errors.put("fromDomain", FieldError.of("trunk.from-domain"));
        boolean register = Boolean.TRUE.equals(d.register());
        int expiry = d.registerExpiry() == null ? DEFAULTS.registerExpiry() : d.registerExpiry();
        if (expiry < 60 || expiry > 86400)
            errors.put("registerExpiry", FieldError.of("common.range-seconds", 60, 86400));
        if (register && username == null) errors.put("username", FieldError.of("trunk.required-to-register"));
        if (register && !hasPassword && d.password() == null)
            errors.put("password", FieldError.of("trunk.required-to-register"));
        List<String> addresses = new ArrayList<>();
        for (String a : d.inboundAddresses() == null ? List.<String>of() : d.inboundAddresses()) {
            String s = strip(a);
            if (s == null || !ADDRESS.matcher(s).matches()) {
                errors.put("inboundAddresses", FieldError.of("trunk.inbound-address", a));
            } else {
                addresses.add(s);
            }
        }
        CallerIdPolicy policy = CallerIdPolicy.valueOf(DEFAULTS.callerIdPolicy());
        if (d.callerIdPolicy() != null && !d.callerIdPolicy().isBlank()) {
            try {
                policy = CallerIdPolicy.valueOf(d.callerIdPolicy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("callerIdPolicy", FieldError.of("trunk.caller-id-policy"));
            }
        }
        String callerId = strip(d.callerId());
        if (callerId != null && !NUMBER.matcher(callerId).matches()) {
            errors.put("callerId", FieldError.of("common.number-digits"));
        }
        if (policy == CallerIdPolicy.TRUNK && callerId == null && username == null) {
            errors.put("callerId", FieldError.of("trunk.caller-id-required"));
        }
        if (d.maxChannels() != null && (d.maxChannels() < 1 || d.maxChannels() > 10000)) {
            errors.put("maxChannels", FieldError.of("trunk.max-channels"));
        }
        List<String> codecs = codecs(d.codecs(), errors);
        DtmfMode dtmf = dtmfMode(d.dtmfMode(), errors);
        String template = strip(d.template());
        if (template != null && !templates.contains(template)) {
            // in words for the web UI (where the provider list is) and the API alike (issue 17, defect 11)
            errors.put(
                    "template",
                    FieldError.of("trunk.unknown-template", template, String.join(", ", new TreeSet<>(templates))));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new Checked(
                host,
                port,
                transport,
                username,
                authUsername,
                fromDomain,
                register,
                expiry,
                List.copyOf(addresses),
                policy,
                callerId,
                Boolean.TRUE.equals(d.assertIdentity()),
                d.maxChannels(),
                codecs,
                dtmf,
                template);
    }

    /** Known names, each once, at least one audio codec; null: any codec (no list). */
    private static List<String> codecs(List<String> given, Map<String, FieldError> errors) {
        if (given == null) return List.of();
        List<String> codecs = new ArrayList<>();
        for (String name : given) {
            String c = TrunkCodecs.canonical(name);
            if (name != null && name.strip().equalsIgnoreCase(TrunkCodecs.TELEPHONE_EVENT)) {
                errors.put("codecs", FieldError.of("trunk.codec-telephone-event"));
                return List.of();
            }
            if (c == null) {
                errors.put(
                        "codecs", FieldError.of("trunk.codec-unknown", name, String.join(", ", TrunkCodecs.known())));
                return List.of();
            }
            if (codecs.contains(c)) {
                errors.put("codecs", FieldError.of("trunk.codec-twice", c));
                return List.of();
            }
            codecs.add(c);
        }
        if (codecs.stream().noneMatch(TrunkCodecs::isAudio)) {
            errors.put("codecs", FieldError.of("trunk.codecs-none"));
        }
        return List.copyOf(codecs);
    }

    private static DtmfMode dtmfMode(String given, Map<String, FieldError> errors) {
        String mode = strip(given);
        if (mode == null || mode.equalsIgnoreCase("rfc4733") || mode.equalsIgnoreCase("rfc2833"))
            return DtmfMode.RFC4733;
        if (mode.equalsIgnoreCase("info")) {
            errors.put("dtmfMode", FieldError.of("trunk.dtmf-info"));
        } else {
            errors.put("dtmfMode", FieldError.of("trunk.dtmf-mode"));
        }
        return DtmfMode.RFC4733;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
