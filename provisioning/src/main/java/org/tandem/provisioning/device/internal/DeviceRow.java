package org.tandem.provisioning.device.internal;

/** A {@code device} row; the passwords are encrypted with the appliance key. */
public record DeviceRow(
        String mac,
        String vendor,
        String model,
        String firmware,
        String description,
        String token,
        boolean tokenClaimed,
        String provPasswordEnc,
        String adminPasswordEnc,
        long createdMs,
        long updatedMs,
        Long lastFetchMs,
        String lastFetchSource) {}
