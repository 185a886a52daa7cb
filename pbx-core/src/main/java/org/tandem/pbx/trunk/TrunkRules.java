package org.tandem.pbx.trunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of trunk input, shared by the REST API and (later) the web UI through {@link TrunkDirectory}. */
final class TrunkRules {

    static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,;?/%-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]/]{2,64}");

    /** A draft with every default applied and every field checked. */
    record Checked(String host, int port, String transport, String username, String authUsername,
                   String fromDomain, boolean register, int registerExpiry, List<String> inboundAddresses,
                   CallerIdPolicy policy, String callerId, boolean assertIdentity, Integer maxChannels,
                   List<String> codecs, DtmfMode dtmfMode, String template) {
    }

    private TrunkRules() {
    }

    /** @param templates the provider templates a trunk may name */
    static Checked check(TrunkDraft d, boolean creating, boolean hasPassword, java.util.Set<String> templates) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (creating && (d.id() == null || !ID.matcher(d.id()).matches())) {
            errors.put("id", "must be 1 to 32 characters: lower-case letters, digits, - and _");
        }
        String host = strip(d.host());
        if (host == null) errors.put("host", "is required: the provider's SIP server (name or address)");
        else if (!HOST.matcher(host).matches()) errors.put("host", "is not a host name or address");
        int port = d.port() == null ? 5060 : d.port();
        if (port < 1 || port > 65535) errors.put("port", "must be 1 to 65535");
        String transport = d.transport() == null ? "udp" : d.transport().strip().toLowerCase(Locale.ROOT);
        if (!List.of("udp", "tcp", "tls").contains(transport)) errors.put("transport", "must be udp, tcp or tls");
        String username = strip(d.username());
        if (username != null && !SIP_USER.matcher(username).matches()) {
            errors.put("username", "must be 1 to 64 characters allowed in a SIP user part");
        }
        String authUsername = strip(d.authUsername());
        if (authUsername != null && !SIP_USER.matcher(authUsername).matches()) {
            errors.put("authUsername", "must be 1 to 64 characters allowed in a SIP user part");
        }
        if (d.password() != null && (d.password().isEmpty() || d.password().length() > 128
                || d.password().chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            errors.put("password", "must be 1 to 128 characters without control characters");
        }
        String fromDomain = strip(d.fromDomain());
        if (fromDomain != null && !HOST.matcher(fromDomain).matches()) errors.put("fromDomain", "is not a host name");
        boolean register = Boolean.TRUE.equals(d.register());
        int expiry = d.registerExpiry() == null ? 3600 : d.registerExpiry();
        if (expiry < 60 || expiry > 86400) errors.put("registerExpiry", "must be 60 to 86400 seconds");
        if (register && username == null) errors.put("username", "is required to register");
        if (register && !hasPassword && d.password() == null) errors.put("password", "is required to register");
        List<String> addresses = new ArrayList<>();
        for (String a : d.inboundAddresses() == null ? List.<String>of() : d.inboundAddresses()) {
            String s = strip(a);
            if (s == null || !ADDRESS.matcher(s).matches()) {
                errors.put("inboundAddresses", "'" + a + "' is not an IP address (optionally address:port)");
            } else {
                addresses.add(s);
            }
        }
        CallerIdPolicy policy = CallerIdPolicy.CALLER;
        if (d.callerIdPolicy() != null && !d.callerIdPolicy().isBlank()) {
            try {
                policy = CallerIdPolicy.valueOf(d.callerIdPolicy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("callerIdPolicy", "must be caller or trunk");
            }
        }
        String callerId = strip(d.callerId());
        if (callerId != null && !NUMBER.matcher(callerId).matches()) {
            errors.put("callerId", "must be a number: digits, optionally with a leading +");
        }
        if (policy == CallerIdPolicy.TRUNK && callerId == null && username == null) {
            errors.put("callerId", "is required when the caller-ID policy is trunk and there is no username");
        }
        if (d.maxChannels() != null && (d.maxChannels() < 1 || d.maxChannels() > 10000)) {
            errors.put("maxChannels", "must be 1 to 10000, or left out for no limit");
        }
        List<String> codecs = codecs(d.codecs(), errors);
        DtmfMode dtmf = dtmfMode(d.dtmfMode(), errors);
        String template = strip(d.template());
        if (template != null && !templates.contains(template)) {
            // in words for the web UI (where the provider list is) and the API alike (issue 17, defect 11)
            errors.put("template", "'" + template + "' is no provider template Tandem knows; pick a provider from "
                    + "the list \"New trunk from template\" on the Trunks page (known: "
                    + String.join(", ", new java.util.TreeSet<>(templates)) + ")");
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return new Checked(host, port, transport, username, authUsername, fromDomain, register, expiry,
                List.copyOf(addresses), policy, callerId, Boolean.TRUE.equals(d.assertIdentity()), d.maxChannels(),
                codecs, dtmf, template);
    }

    /** Known names, each once, at least one audio codec; null: any codec (no list). */
    private static List<String> codecs(List<String> given, Map<String, String> errors) {
        if (given == null) return List.of();
        List<String> codecs = new ArrayList<>();
        for (String name : given) {
            String c = TrunkCodecs.canonical(name);
            if (name != null && name.strip().equalsIgnoreCase(TrunkCodecs.TELEPHONE_EVENT)) {
                errors.put("codecs", "telephone-event is not a codec here: key presses follow the DTMF mode (rfc4733)");
                return List.of();
            }
            if (c == null) {
                errors.put("codecs", "'" + name + "' is no codec Tandem knows; use " + String.join(", ", TrunkCodecs.known()));
                return List.of();
            }
            if (codecs.contains(c)) {
                errors.put("codecs", c + " is listed twice");
                return List.of();
            }
            codecs.add(c);
        }
        if (codecs.stream().noneMatch(TrunkCodecs::isAudio)) {
            errors.put("codecs", "must name at least one audio codec (e.g. PCMA, PCMU, G722), or be left out for any");
        }
        return List.copyOf(codecs);
    }

    private static DtmfMode dtmfMode(String given, Map<String, String> errors) {
        String mode = strip(given);
        if (mode == null || mode.equalsIgnoreCase("rfc4733") || mode.equalsIgnoreCase("rfc2833")) return DtmfMode.RFC4733;
        if (mode.equalsIgnoreCase("info")) {
            errors.put("dtmfMode", "SIP INFO (application/dtmf-relay) is not supported yet; use rfc4733 "
                    + "(telephone-event in the RTP stream), which most providers take");
        } else {
            errors.put("dtmfMode", "must be rfc4733");
        }
        return DtmfMode.RFC4733;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
