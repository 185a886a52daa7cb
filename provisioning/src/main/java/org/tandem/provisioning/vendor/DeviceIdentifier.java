package org.tandem.provisioning.vendor;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.tandem.provisioning.vendor.internal.UserAgentPattern;

/**
 * Tells which phone is asking, from its User-Agent and the MAC in the requested file name, ranked by
 * {@link Confidence}. The User-Agent formats are the vendors' own (examples in the tests, taken from
 * real phones).
 */
@Component
public class DeviceIdentifier {

    private static final List<UserAgentPattern> USER_AGENTS = List.of(
            // Yealink SIP-T46S 66.86.0.15 00:15:65:aa:bb:cc
            UserAgentPattern.of(
                    "yealink",
                    "^Yealink (?<model>(?:SIP-|SIP)?[A-Z]+[0-9][0-9A-Za-z]*) (?<firmware>[0-9.]+)(?: (?<mac>[0-9a-fA-F:]{17}))?"),
            // FileTransport PolycomVVX-VVX_410-UA/5.9.5.0614 Type/Application
            UserAgentPattern.of(
                    "polycom", "^FileTransport Polycom\\w+-(?<model>[A-Za-z]+_[0-9A-Za-z]+)-UA/(?<firmware>[0-9.]+)"),
            // Cisco/SPA508G-7.4.8a (0002FDFF2103)(CBT141400UK)
            UserAgentPattern.of(
                    "cisco",
                    "^Cisco/(?<model>SPA[0-9]{3}G?[0-9]?)-(?<firmware>\\S+) (?:\\((?<mac>[0-9A-Fa-f]{12})\\))?"),
            // Cisco-CP-8841-3PCC/11.3.1 (00562b043615)
            UserAgentPattern.of(
                    "cisco", "^Cisco-(?<model>CP-[0-9]{4}-3PCC)/(?<firmware>\\S+)(?: \\((?<mac>[0-9A-Fa-f]{12})\\))?"),
            // Grandstream Model HW GXP2170 SW 1.0.9.69 DevId 000b8290c5d1
            UserAgentPattern.of(
                    "grandstream",
                    "^Grandstream Model HW (?<model>[A-Z]+[0-9]+[A-Z]?)(?: +V[0-9.A-Z]+)? SW (?<firmware>[0-9.]+)"
                            + "(?: DevId (?<mac>[0-9a-fA-F]{12}))?"),
            // Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 ... 000413741767)
            UserAgentPattern.of(
                    "snom",
                    "\\bsnom(?<model>[A-Z]?[0-9]{3}[A-Z]?)-SIP (?<firmware>[0-9.]+)(?:.* (?<mac>000413[0-9A-Fa-f]{6}))?",
                    ""),
            // Fanvil X4 2.10.2.6887 0c383e07e16c
            UserAgentPattern.of(
                    "fanvil",
                    "^Fanvil (?<model>[VHXWi][0-9]{1,3}[A-Za-z]*(?:-V[12])?(?: ?Pro)?) (?<firmware>[0-9.]+)"
                            + "(?: (?<mac>[0-9a-fA-F]{12}))?"));

    private final VendorCatalog catalog;

    public DeviceIdentifier(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Every identification the request supports, best first: from the User-Agent (EXACT with a MAC,
     * COMPLETE without), then from the OUI of the MAC in the file name (PROBABLE).
     */
    public List<DeviceIdentity> candidates(String userAgent, String macFromPath) {
        Stream<DeviceIdentity> fromUa = userAgent == null
                ? Stream.empty()
                : USER_AGENTS.stream()
                        .map(p -> p.identify(userAgent))
                        .flatMap(Optional::stream)
                        .map(this::canonical);
        Stream<DeviceIdentity> fromMac = catalog.vendorOfMac(macFromPath).stream()
                .map(v -> new DeviceIdentity(v, null, null, macFromPath, Confidence.PROBABLE));
        return Stream.concat(fromUa, fromMac)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(DeviceIdentity::confidence))
                .toList();
    }

    /** The best identification, if any. */
    public Optional<DeviceIdentity> identify(String userAgent, String macFromPath) {
        return candidates(userAgent, macFromPath).stream().findFirst();
    }

    /** Uses the catalog's spelling of the model when it knows it (Polycom says VVX_410: model VVX410). */
    private DeviceIdentity canonical(DeviceIdentity id) {
        String model = id.model();
        Optional<PhoneModel> known = catalog.model(id.vendor(), model)
                .or(() -> catalog.model(id.vendor(), model.replace("_", "")))
                .or(() -> catalog.model(id.vendor(), "SIP-" + model))
                .or(() -> catalog.model(id.vendor(), model.replace("SIP-", "")))
                // Cisco MPP: the User-Agent says CP-8841-3PCC, the file names say 8841-3PCC ($PSN)
                .or(() -> catalog.model(id.vendor(), model.replaceFirst("^CP-", "")));
        return new DeviceIdentity(
                id.vendor(), known.map(PhoneModel::name).orElse(model), id.firmware(), id.mac(), id.confidence());
    }
}
