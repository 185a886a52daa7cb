package org.tandem.provisioning.device;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.Mac;

/**
 * Which registrations are this phone's own (issue 17, defect 6; the Phones pages and the devices API): an extension's bindings may be a desk phone and a
 * softphone of the same user, so "the extension is registered" says nothing about the desk phone. What the registrar
 * knows of a REGISTER is its Contact, +sip.instance, User-Agent and source address; what provisioning knows of a phone
 * is its MAC and the address it last fetched its files from. So a binding is the phone's:
 * <ol>
 * <li>when its User-Agent or +sip.instance carries the phone's MAC — Yealink, Cisco, Grandstream, Snom and Fanvil
 * put the MAC in their User-Agent, and the RFC 5626 §4.1 instance id of most desk phones is
 * {@code urn:uuid:00000000-0000-1000-8000-<MAC>}; a binding carrying another MAC is another device;</li>
 * <li>else (no MAC anywhere in the binding, e.g. a User-Agent shortened by the admin) when it comes from the address
 * the phone fetched its configuration from <em>and</em> its User-Agent names the phone's vendor: the address alone
 * is not enough, as a softphone on the same computer or behind the same NAT shares it.</li>
 * </ol>
 */
public final class PhoneBindings {

    // 12 hex digits, bare or in pairs separated by ':' or '-', not part of a longer hex run
    private static final Pattern MAC = Pattern.compile(
            "(?i)(?<![0-9a-f])(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}(?![0-9a-f])|(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])");

    private PhoneBindings() {}

    /** Whether {@code phone} itself is registered for {@code extension} (not merely another device of that user). */
    public static boolean registered(LocationService locations, Device phone, String extension) {
        return locations != null && locations.lookup(extension).stream().anyMatch(b -> isPhones(b, phone));
    }

    /** Whether binding {@code b} is {@code phone}'s own (see the class comment). */
    public static boolean isPhones(Binding b, Device phone) {
        Optional<String> mac = macOf(b);
        if (mac.isPresent()) return mac.get().equals(phone.mac());
        String vendor = phone.vendor();
        return phone.lastFetchSource() != null
                && host(phone.lastFetchSource()).equals(host(b.sourceAddress()))
                && vendor != null
                && !vendor.isBlank()
                && b.userAgent() != null
                && b.userAgent().toLowerCase(Locale.ROOT).contains(vendor.toLowerCase(Locale.ROOT));
    }

    /** The MAC the binding's User-Agent or instance id carries, if any. */
    public static Optional<String> macOf(Binding b) {
        for (String text : new String[] {b.userAgent(), b.instanceId()}) {
            if (text == null) continue;
            Matcher m = MAC.matcher(text);
            while (m.find()) {
                Optional<String> mac = Mac.normalize(m.group());
                if (mac.isPresent()) return mac;
            }
        }
        return Optional.empty();
    }

    /** The User-Agents of {@code extension}'s registrations that are not {@code phone}'s (other devices). */
    public static List<String> others(LocationService locations, Device phone, String extension) {
        if (locations == null) return List.of();
        return locations.lookup(extension).stream()
                .filter(b -> !isPhones(b, phone))
                .map(b -> b.userAgent() == null || b.userAgent().isBlank() ? b.sourceAddress() : b.userAgent())
                .distinct()
                .toList();
    }

    private static String host(String address) {
        if (address == null) return "";
        String a = address.strip();
        if (a.startsWith("[")) return a.substring(1, Math.max(1, a.indexOf(']')));
        int colon = a.indexOf(':');
        // one colon: IPv4 with a port; more: a bare IPv6 address
        return colon > 0 && a.indexOf(':', colon + 1) < 0 ? a.substring(0, colon) : a;
    }
}
