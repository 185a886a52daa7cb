package org.tandem.provisioning.device;

import java.util.List;

/** What an admin sets on a phone; vendor and model may be left null for the phone to tell. */
public record DeviceDraft(String vendor, String model, String description, List<String> lines, List<DeviceKey> keys) {

    public DeviceDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
