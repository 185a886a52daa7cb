package org.tandem.provisioning.vendor;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file a phone family asks for, as declared in {@code family.properties}:
 * {@code file.<id>=<name pattern>|<template>|<kind>|<content type>}. The name pattern may hold
 * {@code {mac}} (lower-case hex), {@code {MAC}} (upper-case hex) and {@code {model}}.
 */
public record ProvisionedFile(String id, String namePattern, String template, Kind kind, String contentType) {

    public enum Kind {
        /** the same for every phone of the family (boot files): no device data */
        COMMON,
        /** the same for every phone (the remote phonebook: users' names and extensions), to proven phones only */
        DIRECTORY,
        /** names one device but carries no secret (points the phone at its per-device URL) */
        DEVICE,
        /** one device's configuration: SIP credentials only to a proven device */
        CONFIG
    }

    /** The values a requested file name gives for the pattern's placeholders, if it matches. */
    public record Match(ProvisionedFile file, String mac, String model) {}

    public Optional<Match> match(String fileName) {
        Matcher m = regex().matcher(fileName);
        if (!m.matches()) return Optional.empty();
        String mac = namePattern.contains("{mac}")
                ? m.group("mac")
                : namePattern.contains("{MAC}") ? m.group("umac").toLowerCase(Locale.ROOT) : null;
        // 000000000000 is the all-phones name of several vendors' common files, never one phone's
        if (mac != null && mac.equals("000000000000")) return Optional.empty();
        String model = namePattern.contains("{model}") ? m.group("model") : null;
        return Optional.of(new Match(this, mac, model));
    }

    /** The file name of this file for one device/model. */
    public String nameFor(String mac, String model) {
        String n = namePattern;
        if (mac != null) n = n.replace("{mac}", mac).replace("{MAC}", mac.toUpperCase(Locale.ROOT));
        if (model != null) n = n.replace("{model}", model);
        return n;
    }

    private Pattern regex() {
        String r = Pattern.quote(namePattern)
                .replace("{mac}", "\\E(?<mac>[0-9a-f]{12})\\Q")
                .replace("{MAC}", "\\E(?<umac>[0-9A-F]{12})\\Q")
                .replace("{model}", "\\E(?<model>[A-Za-z0-9_-]+)\\Q");
        return Pattern.compile(r);
    }
}
