package org.tandem.operations.backup;

import java.time.Instant;

/** A scheduled archive kept in {@code <data-dir>/backups/}: its file name, when it was made, its size. */
public record KeptArchive(String name, Instant createdAt, long bytes) {}
