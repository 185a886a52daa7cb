package org.tandem.operations.backup.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code manifest.json}, the last entry of a backup archive: what made it and a checksum of every other
 * entry, so a restore can tell a damaged or foreign archive from a good one before changing anything.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        String format,
        int formatVersion,
        String tandemVersion,
        String schemaVersion,
        String createdAt,
        String host,
        List<Entry> entries) {

    public static final String FORMAT = "tandem-backup";
    /** The archive layout this code writes and reads; a newer one is refused. */
    public static final int FORMAT_VERSION = 1;

    public static final String NAME = "manifest.json";
    public static final String DATABASE = "database.json";
    public static final String FILES = "files/";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String name, long size, String sha256) {}
}
