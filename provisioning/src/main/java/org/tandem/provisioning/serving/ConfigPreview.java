package org.tandem.provisioning.serving;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.render.DeviceConfigs;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * What a phone would get, for an admin to read (API and Phones page): its files as the proven phone
 * receives them, with every secret masked.
 */
@Service
public class ConfigPreview {

    /** One file of a device: its name and whether it carries the credentials. */
    public record DeviceFile(String name, ProvisionedFile.Kind kind) {}

    private final DeviceDirectory devices;
    private final DeviceConfigs configs;
    private final ProvisioningService service;

    public ConfigPreview(DeviceDirectory devices, DeviceConfigs configs, ProvisioningService service) {
        this.devices = devices;
        this.configs = configs;
        this.service = service;
    }

    /** The device's family, when its vendor (and model, if known) are in the catalog. */
    public Optional<PhoneFamily> family(Device device) {
        if (device.vendor() == null) return Optional.empty();
        Optional<PhoneModel> model = configs.catalog().model(device.vendor(), device.model());
        if (model.isPresent()) return configs.catalog().family(model.get().family());
        return configs.catalog().families().stream()
                .filter(f -> f.vendor().equals(device.vendor()))
                .findFirst();
    }

    public List<DeviceFile> files(Device device) {
        return family(device)
                .map(f -> f.files().stream()
                        .filter(file -> isDevices(file))
                        .map(file -> new DeviceFile(file.nameFor(device.mac(), device.model()), file.kind()))
                        .toList())
                .orElse(List.of());
    }

    /** The named file of the device, secrets masked; empty when the device has no such file. */
    public Optional<String> preview(Device device, String fileName, String provisioningBase) {
        Optional<PhoneFamily> family = family(device);
        if (family.isEmpty()) return Optional.empty();
        for (ProvisionedFile file : family.get().files()) {
            if (!isDevices(file)) continue;
            if (!file.nameFor(device.mac(), device.model()).equals(fileName)) continue;
            return Optional.of(configs.render(
                    family.get(),
                    file,
                    device.model(),
                    device,
                    devices.secrets(device.mac()).orElseThrow(),
                    service.endpoint(provisioningBase),
                    file.kind() == ProvisionedFile.Kind.CONFIG,
                    true,
                    true));
        }
        return Optional.empty();
    }

    private static boolean isDevices(ProvisionedFile file) {
        return file.kind() == ProvisionedFile.Kind.DEVICE || file.kind() == ProvisionedFile.Kind.CONFIG;
    }
}
