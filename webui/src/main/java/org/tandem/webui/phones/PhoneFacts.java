package org.tandem.webui.phones;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.PhoneBindings;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;

/** How the Phones pages say things about a phone: its model, its lines' registration, its last fetch. */
final class PhoneFacts {

    static final org.tandem.webui.ZonedFormat TIME = org.tandem.webui.ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance\'s zone (issue 17)

    private PhoneFacts() {
    }

    /** {@code yealink} → {@code Yealink}. */
    static String vendorName(String vendor) {
        if (vendor == null || vendor.isEmpty()) return "";
        return vendor.substring(0, 1).toUpperCase(Locale.ROOT) + vendor.substring(1);
    }

    /** {@code Yealink SIP-T46S}: what the model box shows and accepts. */
    static String modelLabel(PhoneModel m) {
        return vendorName(m.vendor()) + " " + m.name();
    }

    static Optional<PhoneModel> model(VendorCatalog catalog, Device d) {
        return catalog.model(d.vendor(), d.model());
    }

    /**
     * Programmable keys of the model, its expansion modules' included (numbered on after the phone's own);
     * 0 when the model is unknown.
     */
    static int keyCount(VendorCatalog catalog, Device d) {
        return model(catalog, d).map(PhoneFacts::keyCount).orElse(0);
    }

    static int keyCount(PhoneModel m) {
        return m.allKeys();
    }

    /**
     * {@code 401 registered, 402 not registered}; "unassigned" without lines. Registered means this phone itself
     * (issue 17, defect 6): a line whose user is registered only on another device (a softphone) is "not registered",
     * naming that device, so the admin sees the desk phone is not.
     */
    static String lines(Device d, LocationService locations) {
        if (!d.assigned()) return "unassigned";
        return IntStream.range(0, d.lines().size()).mapToObj(i -> {
            String ext = d.lines().get(i);
            if (PhoneBindings.registered(locations, d, ext)) return ext + " registered";
            java.util.List<String> others = PhoneBindings.others(locations, d, ext);
            return ext + " not registered" + (others.isEmpty() ? ""
                    : " (only on another device: " + String.join("; ", others) + ")");
        }).collect(Collectors.joining(", "));
    }

    static String lastFetch(Device d) {
        if (d.lastFetchAt() == null) return "never";
        return TIME.format(d.lastFetchAt()) + (d.lastFetchSource() == null ? "" : " from " + d.lastFetchSource());
    }

    /** What a fetch of the phone's files came to, in words (not TOKEN_HANDED_OUT). */
    static String result(org.tandem.provisioning.device.FetchResult r) {
        if (r == null) return "";
        return switch (r) {
            case COMMON -> "Common file sent";
            case CONFIG_WITH_CREDENTIALS -> "Configuration sent, with its SIP account";
            case CONFIG_WITHOUT_CREDENTIALS -> "Configuration sent, without a SIP account";
            case TOKEN_HANDED_OUT -> "Accepted: given its own provisioning address";
            case WAITING_FOR_ACCEPTANCE -> "Waiting for you to accept it";
            case NOT_FOUND -> "No such file";
            case CHALLENGED -> "Asked to log in";
            case DENIED -> "Refused: wrong login or address";
            case SCAN_REFUSED -> "Refused: too many unknown phones from this address";
        };
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
