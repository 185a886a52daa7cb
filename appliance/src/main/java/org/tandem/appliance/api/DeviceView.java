package org.tandem.appliance.api;

import java.time.Instant;
import java.util.List;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;

/**
 * A phone as the API shows it. {@code provisioningUrl} (the per-device URL, a secret an admin may type
 * into a phone) and {@code provisioningPassword} (its login on {@code /prov/a/}, user name: the MAC) are
 * only in the single-device answer to an ADMIN.
 *
 * @param lines one per line: the extension and whether that user is registered right now
 */
public record DeviceView(String mac, String vendor, String model, String firmware, String description,
                         boolean assigned, List<LineView> lines, List<DeviceKey> keys, Instant lastFetchAt,
                         String lastFetchSource, boolean provisioningUrlHandedOut, String provisioningUrl,
                         String provisioningPassword) {

    public record LineView(int line, String extension, boolean registered) {
    }

    static DeviceView of(Device d, List<LineView> lines, String provisioningUrl, String provisioningPassword) {
        return new DeviceView(d.mac(), d.vendor(), d.model(), d.firmware(), d.description(), d.assigned(), lines,
                d.keys(), d.lastFetchAt(), d.lastFetchSource(), d.tokenClaimed(), provisioningUrl, provisioningPassword);
    }
}
