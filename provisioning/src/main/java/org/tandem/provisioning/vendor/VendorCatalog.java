package org.tandem.provisioning.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Vendor support as data: every {@code vendors/<vendor>/<family>/family.properties} on the class path,
 * with its templates beside it. Loaded once at start; a broken family fails the start with a sentence
 * naming the file.
 */
@Component
public class VendorCatalog {

    static final String ROOT = "vendors/";

    private final Map<String, PhoneFamily> families;

    public VendorCatalog() {
        this(loadAll());
    }

    VendorCatalog(Map<String, Properties> raw) {
        Map<String, PhoneFamily> built = new TreeMap<>();
        for (String id : raw.keySet()) built.put(id, build(id, raw, new ArrayList<>()));
        this.families = Map.copyOf(built);
    }

    public List<PhoneFamily> families() {
        return families.values().stream()
                .sorted(Comparator.comparing(PhoneFamily::id))
                .toList();
    }

    public Optional<PhoneFamily> family(String id) {
        return Optional.ofNullable(families.get(id));
    }

    public List<String> vendors() {
        return List.copyOf(new TreeSet<>(
                families.values().stream().map(PhoneFamily::vendor).toList()));
    }

    public List<PhoneModel> models(String vendor) {
        return families().stream()
                .filter(f -> f.vendor().equals(vendor))
                .flatMap(f -> f.models().stream())
                .toList();
    }

    public List<PhoneModel> allModels() {
        return families().stream().flatMap(f -> f.models().stream()).toList();
    }

    /** The model of a vendor by the name the phone uses, case-insensitively. */
    public Optional<PhoneModel> model(String vendor, String name) {
        if (vendor == null || name == null) return Optional.empty();
        return models(vendor).stream()
                .filter(m -> m.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The vendor that ships phones with this MAC prefix (OUI), if any. */
    public Optional<String> vendorOfMac(String mac) {
        if (mac == null || mac.length() < 6) return Optional.empty();
        String oui = mac.substring(0, 6).toLowerCase(Locale.ROOT);
        return families().stream()
                .filter(f -> f.macPrefixes().contains(oui))
                .map(PhoneFamily::vendor)
                .findFirst();
    }

    private static PhoneFamily build(String id, Map<String, Properties> raw, List<String> seen) {
        if (seen.contains(id)) throw new IllegalStateException("vendors/" + id + ": parent cycle " + seen);
        seen.add(id);
        Properties p = raw.get(id);
        String parentId = p.getProperty("parent", "").strip();
        PhoneFamily parent = null;
        if (!parentId.isEmpty()) {
            if (!raw.containsKey(parentId)) {
                throw new IllegalStateException(
                        ROOT + id + "/family.properties: parent " + parentId + " does not exist");
            }
            parent = build(parentId, raw, seen);
        }
        String vendor = id.substring(0, id.indexOf('/'));
        List<String> chain = new ArrayList<>();
        chain.add(id);
        if (parent != null) chain.addAll(parent.chain());

        Map<String, ProvisionedFile> files = new LinkedHashMap<>();
        if (parent != null) parent.files().forEach(f -> files.put(f.id(), f));
        Map<String, String> settings = new TreeMap<>();
        if (parent != null) settings.putAll(parent.settings());
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("file.")) {
                String[] parts = p.getProperty(key).split("\\|");
                if (parts.length != 4) {
                    throw new IllegalStateException(
                            ROOT + id + "/family.properties: " + key
                                    + " must be <name pattern>|<template>|<COMMON, DIRECTORY, DEVICE or CONFIG>|<content type>");
                }
                String fileId = key.substring(5);
                files.put(
                        fileId,
                        new ProvisionedFile(
                                fileId,
                                parts[0].strip(),
                                parts[1].strip(),
                                ProvisionedFile.Kind.valueOf(parts[2].strip()),
                                parts[3].strip()));
            } else if (key.startsWith("setting.")) {
                settings.put(key.substring(8), p.getProperty(key).strip());
            }
        }
        // keys of one expansion module: the family's (inherited), or per model as a fifth field; 0 = the family's
        // templates do not program expansion-module keys (yet), so only the phone's own keys can be set
        int familyExpansionKeys = Integer.parseInt(
                p.getProperty("expansion-keys", parent == null ? "0" : Integer.toString(parent.expansionKeys()))
                        .strip());
        List<PhoneModel> models = new ArrayList<>();
        for (String m : list(p.getProperty("models", ""))) {
            String[] parts = m.split(":");
            if (parts.length != 4 && parts.length != 5) {
                throw new IllegalStateException(ROOT + id + "/family.properties: model '" + m
                        + "' must be <name>:<lines>:<keys>:<expansion modules>[:<keys per expansion module>]");
            }
            int expansion = Integer.parseInt(parts[3]);
            int expansionKeys = parts.length == 5 ? Integer.parseInt(parts[4]) : familyExpansionKeys;
            models.add(new PhoneModel(
                    vendor,
                    id,
                    parts[0],
                    Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]),
                    expansion,
                    expansion > 0 ? expansionKeys : 0));
        }
        List<String> prefixes = p.containsKey("mac-prefixes")
                ? list(p.getProperty("mac-prefixes"))
                : parent == null ? List.of() : parent.macPrefixes();
        String format = p.getProperty("format", parent == null ? "keyvalue" : parent.format())
                .strip();
        String label = p.getProperty("label", id).strip();
        return new PhoneFamily(
                id,
                vendor,
                label,
                List.copyOf(chain),
                List.copyOf(models),
                List.copyOf(files.values()),
                prefixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                format,
                Map.copyOf(settings),
                familyExpansionKeys);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Map<String, Properties> loadAll() {
        try {
            Map<String, Properties> raw = new TreeMap<>();
            Resource[] found = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + ROOT + "*/*/family.properties");
            for (Resource r : found) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(ROOT);
                String id = url.substring(at + ROOT.length(), url.length() - "/family.properties".length());
                Properties p = new Properties();
                try (InputStream in = r.getInputStream()) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                raw.put(id, p);
            }
            if (raw.isEmpty()) throw new IllegalStateException("no phone vendors found under classpath:" + ROOT);
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the phone vendor catalog", e);
        }
    }
}
