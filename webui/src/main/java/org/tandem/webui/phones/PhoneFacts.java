package org.tandem.webui.phones;

import com.vaadin.flow.component.UI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.FetchResult;
import org.tandem.provisioning.device.PhoneBindings;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.i18n.UiTexts;

/** How the Phones pages say things about a phone: its model, its lines' registration, its last fetch. */
final class PhoneFacts {

    static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance\'s zone (issue 17)

    private static final UiTexts TEXTS = new UiTexts();

    private PhoneFacts() {}

    /** A text of the phones' bundle in the language of the UI asking; English outside one (a unit test, a thread). */
    static String text(String key, Object... params) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation(key, params) : TEXTS.getTranslation(key, Locale.ENGLISH, params);
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
        if (!d.assigned()) return text("phones.unassigned");
        return IntStream.range(0, d.lines().size())
                .mapToObj(i -> {
                    String ext = d.lines().get(i);
                    if (PhoneBindings.registered(locations, d, ext)) return text("phones.line.registered", ext);
                    List<String> others = PhoneBindings.others(locations, d, ext);
                    return others.isEmpty()
                            ? text("phones.line.not-registered", ext)
                            : text("phones.line.only-elsewhere", ext, String.join("; ", others));
                })
                .collect(Collectors.joining(", "));
    }

    static String lastFetch(Device d) {
        if (d.lastFetchAt() == null) return text("phones.never");
        return d.lastFetchSource() == null
                ? TIME.format(d.lastFetchAt())
                : text("phones.fetch.at-from", TIME.format(d.lastFetchAt()), d.lastFetchSource());
    }

    /** What a fetch of the phone's files came to, in words (not TOKEN_HANDED_OUT). */
    static String result(FetchResult r) {
        if (r == null) return "";
        return text(
                switch (r) {
                    case COMMON -> "phones.result.common";
                    case CONFIG_WITH_CREDENTIALS -> "phones.result.config-with-credentials";
                    case CONFIG_WITHOUT_CREDENTIALS -> "phones.result.config-without-credentials";
                    case TOKEN_HANDED_OUT -> "phones.result.token-handed-out";
                    case WAITING_FOR_ACCEPTANCE -> "phones.result.waiting-for-acceptance";
                    case NOT_FOUND -> "phones.result.not-found";
                    case CHALLENGED -> "phones.result.challenged";
                    case DENIED -> "phones.result.denied";
                    case SCAN_REFUSED -> "phones.result.scan-refused";
                });
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
