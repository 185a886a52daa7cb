package org.tandem.provisioning.vendor;

/** What a request says about the phone making it; any field but {@code vendor} may be null. */
public record DeviceIdentity(String vendor, String model, String firmware, String mac, Confidence confidence) {}
