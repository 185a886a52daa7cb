package org.tandem.appliance.api.phones;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.Mac;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.FetchLog;
import org.tandem.provisioning.device.FetchRecord;
import org.tandem.provisioning.device.PhoneBindings;
import org.tandem.provisioning.firstcontact.FirstContact;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.resync.PhoneResync;
import org.tandem.provisioning.serving.ConfigPreview;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Phones: {@code /api/v1/devices} (add by MAC, assign users to lines, keys, delete), their files as
 * the phone gets them with secrets masked, the fetch log, and the supported models. Rules live in
 * the provisioning module's {@link DeviceDirectory}.
 */
@RestController
@RequestMapping(produces = "application/json")
public class DeviceController {

    private final DeviceDirectory devices;
    private final ConfigPreview preview;
    private final FetchLog fetchLog;
    private final VendorCatalog catalog;
    private final LocationService locations;
    private final PhoneResync resync;
    private final FirstContacts firstContacts;

    public DeviceController(
            DeviceDirectory devices,
            ConfigPreview preview,
            FetchLog fetchLog,
            VendorCatalog catalog,
            LocationService locations,
            PhoneResync resync,
            FirstContacts firstContacts) {
        this.resync = resync;
        this.firstContacts = firstContacts;
        this.devices = devices;
        this.preview = preview;
        this.fetchLog = fetchLog;
        this.catalog = catalog;
        this.locations = locations;
    }

    /** Every phone; {@code ?waiting=true}: only those waiting for an admin to accept their first contact. */
    @GetMapping("/api/v1/devices")
    public List<DeviceView> list(@RequestParam(defaultValue = "false") boolean waiting) {
        Map<String, FirstContact> contacts = firstContacts.all();
        return devices.list().stream()
                .map(d -> view(d, null, null, contacts.get(d.mac())))
                .filter(v -> !waiting
                        || (v.firstContact() != null && v.firstContact().waiting()))
                .toList();
    }

    /**
     * An admin accepts the phone's first contact: the request waiting from {@code source} (the address the admin
     * saw; refused when another has come since), or, with nothing waiting, the next request for this MAC from
     * anywhere; for {@code tandem.provisioning.accept-window}. That request is handed the phone's private URL.
     */
    @PostMapping("/api/v1/devices/{mac}/accept")
    public DeviceView accept(
            @PathVariable String mac, @RequestParam(required = false) String source, HttpServletRequest request) {
        firstContacts.accept(find(mac).mac(), source == null || source.isBlank() ? null : source.strip());
        return get(mac, request);
    }

    /** Dismisses what is waiting (a stranger asked for this phone's files) and any acceptance. */
    @DeleteMapping("/api/v1/devices/{mac}/first-contact")
    public ResponseEntity<Void> dismiss(@PathVariable String mac) {
        firstContacts.dismiss(find(mac).mac());
        return ResponseEntity.noContent().build();
    }

    /**
     * The per-device URL is a secret (it fetches SIP credentials): only an ADMIN sees it, not an OPERATOR, and only
     * while the appliance knows it in clear (it stores a hash: until a restart after it was made).
     */
    @GetMapping("/api/v1/devices/{mac}")
    public DeviceView get(@PathVariable String mac, HttpServletRequest request) {
        Device d = find(mac);
        if (!request.isUserInRole(AdminRole.ADMIN.name())) return view(d, null);
        var secrets = devices.secrets(d.mac()).orElseThrow();
        // stored as a hash: the URL is known (and shown) from its creation until a restart; reprovision makes a new one
        return view(
                d,
                secrets.token() == null ? null : provisioningBase(request) + "d/" + secrets.token() + "/",
                secrets.provisioningPassword());
    }

    @PostMapping(path = "/api/v1/devices", consumes = "application/json")
    public ResponseEntity<DeviceView> create(@RequestBody DeviceRequest body) {
        if (body.mac() == null) throw new InvalidInputException("mac", "phone.mac-required");
        Device d = devices.create(body.mac(), body.toDraft());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{mac}")
                .buildAndExpand(d.mac())
                .toUri();
        return ResponseEntity.created(location).body(view(d, null));
    }

    @PutMapping(path = "/api/v1/devices/{mac}", consumes = "application/json")
    public DeviceView update(@PathVariable String mac, @RequestBody DeviceRequest body) {
        if (body.mac() != null && !Mac.normalize(body.mac()).equals(Mac.normalize(mac))) {
            throw new InvalidInputException("mac", "phone.mac-fixed");
        }
        return view(devices.update(mac, body.toDraft()).orElseThrow(() -> unknown(mac)), null);
    }

    @DeleteMapping("/api/v1/devices/{mac}")
    public ResponseEntity<Void> delete(@PathVariable String mac) {
        if (!devices.delete(mac)) throw unknown(mac);
        return ResponseEntity.noContent().build();
    }

    /** A new per-device URL for a replaced or reset phone; the old one stops working. */
    @PostMapping("/api/v1/devices/{mac}/reprovision")
    public DeviceView reprovision(@PathVariable String mac, HttpServletRequest request) {
        devices.reprovision(mac).orElseThrow(() -> unknown(mac));
        return get(mac, request);
    }

    /** Asks the registered phone to fetch its configuration now (check-sync NOTIFY). */
    @PostMapping("/api/v1/devices/{mac}/resync")
    public ResponseEntity<Map<String, Integer>> resync(@PathVariable String mac) {
        int notified = resync.resync(find(mac).mac()).size();
        return ResponseEntity.accepted().body(Map.of("notified", notified));
    }

    @GetMapping("/api/v1/devices/{mac}/files")
    public List<ConfigPreview.DeviceFile> files(@PathVariable String mac) {
        return preview.files(find(mac));
    }

    /** The file as the phone gets it, with every secret replaced by ********. */
    @GetMapping(path = "/api/v1/devices/{mac}/files/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    public String file(@PathVariable String mac, @PathVariable String name, HttpServletRequest request) {
        Device d = find(mac);
        return preview.preview(d, name, provisioningBase(request))
                .orElseThrow(() -> new NotFoundException("Phone " + d.mac() + " has no file " + name
                        + "; GET /api/v1/devices/" + d.mac() + "/files lists them"));
    }

    @GetMapping("/api/v1/devices/{mac}/fetches")
    public List<FetchRecord> fetches(@PathVariable String mac, @RequestParam(defaultValue = "100") int limit) {
        return fetchLog.recent(find(mac).mac(), limit);
    }

    /** Every fetch, also of unknown MACs and refused ones (scans), newest first. */
    @GetMapping("/api/v1/provisioning/fetches")
    public List<FetchRecord> allFetches(@RequestParam(defaultValue = "100") int limit) {
        return fetchLog.recent(null, limit);
    }

    @GetMapping("/api/v1/phone-models")
    public List<PhoneModel> models() {
        return catalog.allModels();
    }

    private DeviceView view(Device d, String provisioningUrl) {
        return view(d, provisioningUrl, null);
    }

    private DeviceView view(Device d, String provisioningUrl, String provisioningPassword) {
        return view(
                d,
                provisioningUrl,
                provisioningPassword,
                firstContacts.find(d.mac()).orElse(null));
    }

    private DeviceView view(Device d, String provisioningUrl, String provisioningPassword, FirstContact contact) {
        List<DeviceView.LineView> lines = new ArrayList<>();
        for (int i = 0; i < d.lines().size(); i++) {
            String ext = d.lines().get(i);
            lines.add(new DeviceView.LineView(
                    i + 1, ext, PhoneBindings.registered(locations, d, ext), PhoneBindings.others(locations, d, ext)));
        }
        return DeviceView.of(
                d,
                lines,
                provisioningUrl,
                provisioningPassword,
                DeviceView.FirstContactView.of(contact, Instant.now()));
    }

    private Device find(String mac) {
        return devices.find(mac).orElseThrow(() -> unknown(mac));
    }

    private static String provisioningBase(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path("/prov/")
                .build()
                .toUriString();
    }

    private static NotFoundException unknown(String mac) {
        return new NotFoundException("No phone has MAC " + mac + "; GET /api/v1/devices lists them");
    }
}
