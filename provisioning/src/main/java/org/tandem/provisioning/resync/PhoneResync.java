package org.tandem.provisioning.resync;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.ua.CheckSyncNotifier;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceChanged;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.vendor.DeviceIdentifier;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Pushes configuration changes: after a phone's settings (or one of its users) changed, every registered
 * contact of its lines that is this vendor's phone gets a check-sync NOTIFY in the vendor's variant
 * ({@code setting.checkSyncEvent} of the family), and fetches its configuration again.
 */
@Service
public class PhoneResync {

    private static final Logger log = LoggerFactory.getLogger(PhoneResync.class);
    static final String DEFAULT_EVENT = "check-sync";

    private final DeviceDirectory devices;
    private final VendorCatalog catalog;
    private final DeviceIdentifier identifier;
    private final LocationService locations;
    private final CheckSyncNotifier notifier;

    public PhoneResync(
            DeviceDirectory devices,
            VendorCatalog catalog,
            DeviceIdentifier identifier,
            LocationService locations,
            CheckSyncNotifier notifier) {
        this.devices = devices;
        this.catalog = catalog;
        this.identifier = identifier;
        this.locations = locations;
        this.notifier = notifier;
    }

    /** After the change is committed, so the phone fetches what was saved. */
    @TransactionalEventListener(fallbackExecution = true)
    void onDeviceChanged(DeviceChanged change) {
        if (!change.deleted()) resync(change.mac());
    }

    /**
     * Sends the NOTIFYs (without waiting for the answers).
     *
     * @return the answers to come, one per contact notified; empty when the phone is not registered
     */
    public List<CompletableFuture<Integer>> resync(String mac) {
        Optional<Device> device = devices.find(mac);
        if (device.isEmpty()) return List.of();
        String event = eventOf(device.get());
        List<Binding> contacts = device.get().lines().stream()
                .flatMap(ext -> locations.lookup(ext).stream())
                .filter(b -> isThisVendor(b, device.get().vendor()))
                .distinct()
                .toList();
        log.debug("check-sync to {} contact(s) of {}", contacts.size(), mac);
        return contacts.stream().map(b -> notifier.notify(b, event)).toList();
    }

    /** A contact whose User-Agent names another vendor (the user's softphone) is left alone. */
    private boolean isThisVendor(Binding b, String vendor) {
        if (vendor == null || b.userAgent() == null) return true;
        return identifier
                .identify(b.userAgent(), null)
                .map(id -> id.vendor().equals(vendor))
                .orElse(true);
    }

    private String eventOf(Device d) {
        return catalog.families().stream()
                .filter(f -> f.vendor().equals(d.vendor()))
                .map(f -> f.settings().get("checkSyncEvent"))
                .filter(e -> e != null)
                .findFirst()
                .orElse(DEFAULT_EVENT);
    }
}
