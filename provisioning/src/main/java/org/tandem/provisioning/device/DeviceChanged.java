package org.tandem.provisioning.device;

/** Published after a phone was added, changed or deleted: its configuration should be fetched again. */
public record DeviceChanged(String mac, boolean deleted) {}
