package org.tandem.provisioning.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;

/**
 * Everything a template may use, built by the caller from the device, its users and the appliance, and
 * turned into the template context by {@link #toContext()}. Names are the same for every vendor; a
 * family's templates map them to its own setting names.
 *
 * @param provisioningUrl  absolute URL of the directory the phone should fetch its files from next
 *                         ({@code .../prov/d/<token>/} for a proven or first-contact device)
 * @param provisioningPath the same relative to {@code /prov/} ({@code d/<token>/} or empty), for vendors
 *                         whose boot files name files relative to the server (Polycom CONFIG_FILES)
 * @param lines            empty when the requester gets no credentials
 * @param pickupCode       pbx-core's directed pickup code ({@code **}, followed by the ringing extension), for phones
 *                         that pick a call up from a busy lamp by dialling it; empty when that feature code is off
 * @param multicastPages   the multicast paging groups the phone listens to (its lines' users are members), by
 *                         priority; at most {@link #MULTICAST_SLOTS}
 */
public record PhoneSettings(
        PhoneFamily family,
        String model,
        String mac,
        String sipServer,
        int sipPort,
        String sipTransport,
        String domain,
        String provisioningBase,
        String provisioningUrl,
        String provisioningPath,
        List<Line> lines,
        List<DeviceKey> keys,
        String adminPassword,
        String timeZone,
        String ntpServer,
        String language,
        String voicemailCode,
        String pickupCode,
        long resyncSeconds,
        String firmwareUrl,
        List<DirectoryEntry> directory,
        List<MulticastPage> multicastPages) {

    /**
     * A multicast address the phone plays RTP from (pbx-core paging): {@code 224.0.1.75:5000}, a name to show, and
     * the paging group's number.
     */
    public record MulticastPage(String address, String label, String group) {}

    /** Listening addresses a phone has (Yealink and Snom: ten each); every slot is written, so one freed is cleared. */
    public static final int MULTICAST_SLOTS = 10;

    /** One SIP account: line {@code number} registers as {@code extension}. */
    public record Line(int number, String extension, String displayName, String password) {}

    /** One entry of the remote phonebook. */
    public record DirectoryEntry(String name, String extension) {}

    public static final String MASK = "********";

    /** The same settings with every secret replaced by {@link #MASK} (admin preview). */
    public PhoneSettings masked() {
        List<Line> maskedLines = lines.stream()
                .map(l -> new Line(l.number(), l.extension(), l.displayName(), MASK))
                .toList();
        return new PhoneSettings(
                family,
                model,
                mac,
                sipServer,
                sipPort,
                sipTransport,
                domain,
                provisioningBase,
                provisioningPath.isEmpty() ? provisioningUrl : provisioningBase + "d/" + MASK + "/",
                provisioningPath.isEmpty() ? "" : "d/" + MASK + "/",
                maskedLines,
                keys,
                MASK,
                timeZone,
                ntpServer,
                language,
                voicemailCode,
                pickupCode,
                resyncSeconds,
                firmwareUrl,
                directory,
                multicastPages);
    }

    public Map<String, Object> toContext() {
        Map<String, Object> c = new HashMap<>();
        c.put("vendor", family.vendor());
        c.put("family", family.id());
        c.put("model", model == null ? "" : model);
        c.put("mac", mac == null ? "" : mac);
        c.put("MAC", mac == null ? "" : mac.toUpperCase(Locale.ROOT));
        c.put("sipServer", sipServer);
        c.put("sipPort", sipPort);
        c.put("sipTransport", sipTransport);
        c.put("sipTransportUpper", sipTransport.toUpperCase(Locale.ROOT));
        c.put("domain", domain);
        c.put("provisioningBase", provisioningBase);
        c.put("provisioningUrl", provisioningUrl);
        c.put("provisioningPath", provisioningPath);
        // Grandstream P237: the same URL without scheme and trailing slash
        c.put(
                "provisioningHostPath",
                provisioningUrl.replaceFirst("^[a-z]+://", "").replaceFirst("/$", ""));
        // a family's code for the scheme of that URL, per setting (setting.schemeCode.<name>.<scheme>, e.g.
        // Grandstream P212 schemeCode.config.http=1): {{schemeCode.<name>}}
        String scheme = provisioningUrl.replaceFirst("://.*", "");
        Map<String, String> schemeCodes = new HashMap<>();
        family.settings().forEach((k, v) -> {
            if (k.startsWith("schemeCode.") && k.endsWith("." + scheme)) {
                schemeCodes.put(k.substring("schemeCode.".length(), k.length() - scheme.length() - 1), v);
            }
        });
        c.put("schemeCode", schemeCodes);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> m = new HashMap<>();
            m.put("number", l.number());
            m.put("extension", l.extension());
            m.put("displayName", l.displayName());
            m.put("authName", l.extension());
            m.put("password", l.password());
            m.put("first", l.number() == 1);
            accountPvalues(l.number()).ifPresent(pv -> m.put("p", pv));
            ls.add(m);
        }
        c.put("lines", ls);
        c.put("hasLines", !ls.isEmpty());
        c.put("noLines", ls.isEmpty());
        // a list of at most one, so {{#firstLine}} is skipped without lines (an empty map would still run)
        c.put("firstLine", ls.isEmpty() ? List.of() : List.of(ls.get(0)));
        // lines after the first whose settings a family numbers per account (Grandstream P-values)
        c.put("numberedLines", ls.stream().filter(m -> m.containsKey("p")).toList());
        // keys past the phone's own are on its expansion modules, numbered on module by module
        Optional<PhoneModel> phoneModel = phoneModel();
        int own = phoneModel.map(PhoneModel::keys).orElse(-1);
        // per model (a fifth field in family.properties) or the family's expansion-keys
        int perModule = phoneModel.map(PhoneModel::expansionKeys).orElse(0);
        List<Map<String, Object>> ks = new ArrayList<>();
        List<Map<String, Object>> expansion = new ArrayList<>();
        for (DeviceKey k : keys) {
            Map<String, Object> m = new HashMap<>();
            m.put("number", k.index());
            m.put("index0", k.index() - 1);
            m.put("blf", k.kind() == DeviceKey.Kind.BLF);
            m.put("speedDial", k.kind() == DeviceKey.Kind.SPEED_DIAL);
            m.put("target", k.target());
            m.put("label", k.labelOrTarget());
            m.put(
                    "type",
                    family.settings().getOrDefault(k.kind() == DeviceKey.Kind.BLF ? "blfType" : "speedDialType", ""));
            if (own >= 0 && k.index() > own) {
                if (perModule <= 0) continue;
                int n = k.index() - own;
                m.put("module", (n - 1) / perModule + 1);
                m.put("moduleKey", (n - 1) % perModule + 1);
                m.put("moduleKeyIndex0", (n - 1) % perModule);
                m.put("expansionNumber", n);
                extMpk(n).ifPresent(pv -> m.put("p", pv));
                expansion.add(m);
            } else {
                mpk(k.index()).ifPresent(pv -> m.put("p", pv));
                ks.add(m);
            }
        }
        c.put("keys", ks);
        c.put("expansionKeys", expansion);
        placeOnPages(ks, c);
        // speed dials numbered 1.. in key order, for families that place them by an index of their own
        // (Polycom: contacts with a speed-dial index fill the free line keys in that order)
        List<Map<String, Object>> speedDials = new ArrayList<>();
        for (DeviceKey k : keys) {
            if (k.kind() != DeviceKey.Kind.SPEED_DIAL) continue;
            speedDials.add(
                    Map.of("speedDialIndex", speedDials.size() + 1, "target", k.target(), "label", k.labelOrTarget()));
        }
        c.put("speedDials", speedDials);
        // how many modules the model takes, for families that are told (Cisco MPP Number_of_Units)
        int modules = perModule > 0 ? phoneModel.map(PhoneModel::expansion).orElse(0) : 0;
        c.put("expansionModules", modules);
        c.put("hasExpansionModules", modules > 0);
        c.put("adminPassword", adminPassword);
        c.put("hasAdminPassword", adminPassword != null && !adminPassword.isEmpty());
        // the appliance's zone in each vendor's notation: offsets, POSIX TZ, DST start/end (PhoneTimeZone)
        c.putAll(new PhoneTimeZone(timeZone).toContext());
        // a vendor's own code for the zone, where it has a list of them (setting.timezone.<IANA zone>: Snom GER+1)
        String vendorZone = family.settings().getOrDefault("timezone." + timeZone, "");
        c.put("vendorTimeZone", vendorZone);
        c.put("hasVendorTimeZone", !vendorZone.isEmpty());
        c.put("ntpServer", ntpServer);
        c.put("language", language);
        // a family maps the appliance's values to its own codes: setting.language.<code>, setting.transport.<t>
        c.put("languageName", family.settings().getOrDefault("language." + language, language));
        c.put("sipTransportCode", family.settings().getOrDefault("transport." + sipTransport, sipTransport));
        c.put("voicemailCode", voicemailCode);
        // pickup from a busy lamp by code (Cisco, Grandstream, Fanvil dial it and the lamp's extension)
        c.put("pickupCode", pickupCode == null ? "" : pickupCode);
        c.put("hasPickupCode", pickupCode != null && !pickupCode.isEmpty());
        // a family may poll no more often than its vendor allows (setting.resync.minimumSeconds: Polycom's
        // prov.polling.period > 3600, Grandstream's P193 >= 60 minutes, Fanvil's interval in whole hours)
        long resync =
                Math.max(resyncSeconds, Long.parseLong(family.settings().getOrDefault("resync.minimumSeconds", "0")));
        c.put("resyncSeconds", resync);
        c.put("resyncMinutes", resync / 60);
        c.put("resyncHours", Math.max(1, (resync + 3599) / 3600));
        c.put("firmwareUrl", firmwareUrl);
        c.put("hasFirmware", firmwareUrl != null);
        c.put("firmwareHostPath", firmwareUrl == null ? "" : firmwareUrl.replaceFirst("^[a-z]+://", ""));
        c.put("directory", directory);
        // slot 1 first: Yealink plays slot 1 with the highest priority; Snom's idx 1 is its lowest (all equal here)
        // a family that numbers the slots' settings (Grandstream P-values) gives the first one's base:
        // setting.multicast.pvalueBase, slot n's address at base + 2n ({{pAddress}}), its label at base + 2n + 1
        String pvalueBase = family.settings().get("multicast.pvalueBase");
        List<Map<String, Object>> multicast = new ArrayList<>();
        for (int i = 0; i < MULTICAST_SLOTS; i++) {
            MulticastPage page = i < multicastPages.size() ? multicastPages.get(i) : null;
            Map<String, Object> slot = new HashMap<>();
            slot.put("number", i + 1);
            slot.put("address", page == null ? "" : page.address());
            slot.put("label", page == null ? "" : page.label());
            if (pvalueBase != null) {
                int address = Integer.parseInt(pvalueBase) + 2 * (i + 1);
                slot.put("pAddress", address);
                slot.put("pLabel", address + 1);
            }
            multicast.add(slot);
        }
        c.put("multicastSlots", multicast);
        // only the groups, for families that list them in one value (Cisco's Group_Paging_Script), at most
        // setting.multicast.listenMax of them (Cisco: the phone listens to the first two only); a label without the
        // separators such lists use (; = ,), at most 64 characters (Cisco's name=)
        int listenMax = Integer.parseInt(
                family.settings().getOrDefault("multicast.listenMax", Integer.toString(MULTICAST_SLOTS)));
        List<Map<String, Object>> listening = new ArrayList<>();
        for (MulticastPage page : multicastPages.stream().limit(listenMax).toList()) {
            listening.add(Map.of(
                    "number",
                    listening.size() + 1,
                    "address",
                    page.address(),
                    "label",
                    page.label(),
                    "listLabel",
                    listLabel(page.label()),
                    "group",
                    page.group()));
        }
        c.put("multicastListen", listening);
        c.put("settings", family.settings());
        return c;
    }

    private static String listLabel(String label) {
        String plain = label.replaceAll("[;=,]", " ").strip();
        return plain.length() <= 64 ? plain : plain.substring(0, 64).strip();
    }

    /**
     * For families that address a key by page and position (Fanvil's sysConf {@code <dssSide>} and
     * {@code <internal>} pages): the first {@code setting.sideKeys.<model>} keys are side keys
     * ({@code sideKeys}, each with {@code sideKey}), the rest fill pages of {@code setting.pageKeys.<model>}
     * ({@code keyPages}: {@code page} and its {@code keys}, each with {@code pageKey}); without the settings,
     * no side keys and one page of every key.
     */
    private void placeOnPages(List<Map<String, Object>> ks, Map<String, Object> c) {
        int side = Integer.parseInt(family.settings().getOrDefault("sideKeys." + model, "0"));
        int perPage = Integer.parseInt(family.settings().getOrDefault("pageKeys." + model, "0"));
        List<Map<String, Object>> sideKeys = new ArrayList<>();
        TreeMap<Integer, List<Map<String, Object>>> pages = new TreeMap<>();
        for (Map<String, Object> k : ks) {
            int n = (Integer) k.get("number");
            if (n <= side) {
                Map<String, Object> m = new HashMap<>(k);
                m.put("sideKey", n);
                sideKeys.add(m);
                continue;
            }
            int onPages = n - side;
            int page = perPage > 0 ? (onPages - 1) / perPage + 1 : 1;
            Map<String, Object> m = new HashMap<>(k);
            m.put("pageKey", perPage > 0 ? (onPages - 1) % perPage + 1 : onPages);
            pages.computeIfAbsent(page, x -> new ArrayList<>()).add(m);
        }
        List<Map<String, Object>> keyPages = new ArrayList<>();
        pages.forEach((page, keys) -> keyPages.add(Map.of("page", page, "keys", keys)));
        c.put("sideKeys", sideKeys);
        c.put("hasSideKeys", !sideKeys.isEmpty());
        c.put("keyPages", keyPages);
        c.put("keyPageCount", pages.isEmpty() ? 0 : pages.lastKey());
        c.put("hasKeyPages", !pages.isEmpty());
    }

    /** The model in its family; empty when it is not one (every key is then the phone's own). */
    private Optional<PhoneModel> phoneModel() {
        if (model == null) return Optional.empty();
        return family.models().stream()
                .filter(m -> m.name().equalsIgnoreCase(model))
                .findFirst();
    }

    /**
     * Grandstream account N >= 2: {@code setting.accountBase.N} plus the offsets of its published config
     * template (account 2: P401 active, P402 SIP server, P404 user ID, ...).
     */
    private Optional<Map<String, Object>> accountPvalues(int line) {
        String base = family.settings().get("accountBase." + line);
        if (base == null) return Optional.empty();
        int b = Integer.parseInt(base);
        Map<String, Object> p = new HashMap<>();
        p.put("active", b + 1);
        p.put("sipServer", b + 2);
        p.put("userId", b + 4);
        p.put("authId", b + 5);
        p.put("password", b + 6);
        p.put("name", b + 7);
        p.put("mwi", b + 15);
        p.put("accountName", b + 17);
        p.put("voicemail", b + 26);
        p.put("transport", b + 48);
        return Optional.of(p);
    }

    /** Grandstream physical multi-purpose key n: {@code setting.mpk.n} = mode, account, name, value P-values. */
    private Optional<Map<String, Object>> mpk(int n) {
        String pvalues = family.settings().get("mpk." + n);
        if (pvalues == null) return Optional.empty();
        String[] v = pvalues.split(",");
        return Optional.of(
                Map.of("mode", v[0].strip(), "account", v[1].strip(), "name", v[2].strip(), "value", v[3].strip()));
    }

    /** Grandstream expansion-module key k (over all modules): five P-values per key from {@code setting.extMpkBase}. */
    private Optional<Map<String, Object>> extMpk(int k) {
        String base = family.settings().get("extMpkBase");
        if (base == null) return Optional.empty();
        int b = Integer.parseInt(base) + 5 * (k - 1);
        return Optional.of(Map.of("mode", b, "account", b + 1, "name", b + 2, "value", b + 3));
    }
}
