package org.tandem.pbx.trunk;

/** Published after a trunk was created, changed or deleted (then {@code deleted} is true). */
public record TrunkChanged(String id, boolean deleted) {}
