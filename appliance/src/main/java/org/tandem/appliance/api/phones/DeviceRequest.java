package org.tandem.appliance.api.phones;

import java.util.List;
import org.tandem.provisioning.device.DeviceDraft;
import org.tandem.provisioning.device.DeviceKey;

/** Body of {@code POST/PUT /api/v1/devices}: a phone by MAC, its users per line and its keys. */
public record DeviceRequest(
        String mac, String vendor, String model, String description, List<String> lines, List<DeviceKey> keys) {

    DeviceDraft toDraft() {
        return new DeviceDraft(blankToNull(vendor), blankToNull(model), description, lines, keys);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
