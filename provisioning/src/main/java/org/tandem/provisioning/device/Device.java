package org.tandem.provisioning.device;

import java.time.Instant;
import java.util.List;

/**
 * A phone known to the appliance. Never carries its secrets (see {@link DeviceSecrets}).
 *
 * @param lines        extension of line 1, 2, ...; empty = unassigned (the phone gets no credentials)
 * @param tokenClaimed the per-device provisioning URL has been handed out (to a phone an admin accepted)
 */
public record Device(
        String mac,
        String vendor,
        String model,
        String firmware,
        String description,
        List<String> lines,
        List<DeviceKey> keys,
        boolean tokenClaimed,
        Instant createdAt,
        Instant updatedAt,
        Instant lastFetchAt,
        String lastFetchSource) {

    public boolean assigned() {
        return !lines.isEmpty();
    }
}
