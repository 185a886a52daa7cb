package org.tandem.provisioning.render;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.device.DeviceSecrets;
import org.tandem.provisioning.vendor.PhoneFamily;
import org.tandem.provisioning.vendor.ProvisionedFile;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Builds the settings for one device (or none, for common files) from the appliance's data and renders a
 * family's file with them. Who gets what is decided by the caller ({@code serving}); this class only
 * fills in what it is told to.
 */
@Component
public class DeviceConfigs {

    /** A phone without credentials asks again soon, so an admin's assignment reaches it within minutes. */
    static final long UNASSIGNED_RESYNC_SECONDS = 300;

    private final VendorCatalog catalog;
    private final ConfigRenderer renderer;
    private final UserDirectory users;
    private final ProvisioningProperties props;
    private final Supplier<String> applianceZone;
    private final PagingGroups paging;
    private final Supplier<String> pickupCode;

    /**
     * @param setup   the appliance's settings: phones get its time zone (the setup wizard's), unless
     *                {@code tandem.provisioning.time-zone} names another
     * @param routing the feature codes: phones that pick a call up from a busy lamp by code get the directed
     *                pickup code in force (read per rendering, so the next resync brings a changed code)
     */
    @Autowired
    public DeviceConfigs(
            VendorCatalog catalog,
            ConfigRenderer renderer,
            UserDirectory users,
            ProvisioningProperties props,
            ApplianceSetup setup,
            PagingGroups paging,
            RoutingDirectory routing) {
        this.paging = paging;
        this.catalog = catalog;
        this.renderer = renderer;
        this.users = users;
        this.props = props;
        // null only from the golden-file constructor below: the host's zone and the default pickup code
        this.applianceZone = () ->
                setup == null ? ZoneId.systemDefault().getId() : setup.current().timeZone();
        this.pickupCode = () -> {
            if (routing == null) return Feature.PICKUP_DIRECTED.defaultCode();
            String code = routing.featureCodes().get(Feature.PICKUP_DIRECTED);
            return code == null ? "" : code;
        };
    }

    /**
     * Without the appliance's setup (tools, tests): the configured zone, else the system's; the default feature
     * codes.
     *
     * @param paging the paging groups (null: no multicast paging)
     */
    public DeviceConfigs(
            VendorCatalog catalog,
            ConfigRenderer renderer,
            UserDirectory users,
            ProvisioningProperties props,
            PagingGroups paging) {
        this(catalog, renderer, users, props, null, paging, null);
    }

    /** The zone phones are told: tandem.provisioning.time-zone when set, else the one chosen in the setup. */
    public String timeZone() {
        return props.timeZone() != null ? props.timeZone() : applianceZone.get();
    }

    /** Where the phone registers and how to reach {@code /prov/}. */
    public record Endpoint(
            String sipServer, int sipPort, String sipTransport, String domain, String provisioningBase) {}

    /**
     * @param credentials put the lines' SIP secrets (and the phone admin password) in
     * @param tokenUrl    point the phone at its per-device URL (else at the plain base)
     */
    public String render(
            PhoneFamily family,
            ProvisionedFile file,
            String model,
            Device device,
            DeviceSecrets secrets,
            Endpoint endpoint,
            boolean credentials,
            boolean tokenUrl,
            boolean masked) {
        PhoneSettings s = settings(family, model, device, secrets, endpoint, credentials, tokenUrl);
        return renderer.render(family, model, file, (masked ? s.masked() : s).toContext());
    }

    public PhoneSettings settings(
            PhoneFamily family,
            String model,
            Device device,
            DeviceSecrets secrets,
            Endpoint endpoint,
            boolean credentials,
            boolean tokenUrl) {
        // a token known only as its hash (admin preview after a restart) is shown masked, as the preview masks it
        // anyway
        String path = tokenUrl && secrets != null
                ? "d/" + (secrets.token() != null ? secrets.token() : PhoneSettings.MASK) + "/"
                : "";
        List<PhoneSettings.Line> lines = new ArrayList<>();
        if (device != null && credentials) {
            int n = 1;
            for (String ext : device.lines()) {
                Optional<String> secret = users.sipSecret(ext);
                String name = users.find(ext).map(u -> u.displayName()).orElse(ext);
                // a user deleted since the assignment: the line is left out, the numbering stays
                if (secret.isPresent()) lines.add(new PhoneSettings.Line(n, ext, name, secret.get()));
                n++;
            }
        }
        List<PhoneSettings.DirectoryEntry> directory = users.list().stream()
                .map(u -> new PhoneSettings.DirectoryEntry(u.displayName(), u.extension()))
                .toList();
        // a family whose accounts take the first programmable keys (setting.lineKeysFirst: Yealink, Snom,
        // Fanvil, Cisco) never gets a key on one of them: the line would lose its key
        boolean lineKeysFirst = "true".equals(family.settings().get("lineKeysFirst"));
        int lineKeys = device == null ? 0 : device.lines().size();
        List<DeviceKey> keys = device == null
                ? List.of()
                : device.keys().stream()
                        .filter(k -> !lineKeysFirst || k.index() > lineKeys)
                        .toList();
        String adminPassword = secrets != null && credentials ? secrets.adminPassword() : "";
        // the multicast groups its lines' users are members of: the phone listens there (issue 18)
        List<PhoneSettings.MulticastPage> multicast = paging == null || lines.isEmpty()
                ? List.of()
                : paging
                        .multicastGroupsOf(lines.stream()
                                .map(PhoneSettings.Line::extension)
                                .toList())
                        .stream()
                        .limit(PhoneSettings.MULTICAST_SLOTS)
                        .map(g -> new PhoneSettings.MulticastPage(g.multicast().toString(), g.name(), g.number()))
                        .toList();
        long resync = credentials && !lines.isEmpty() ? props.resyncInterval().toSeconds() : UNASSIGNED_RESYNC_SECONDS;
        return new PhoneSettings(
                family,
                model,
                device == null ? null : device.mac(),
                endpoint.sipServer(),
                endpoint.sipPort(),
                endpoint.sipTransport(),
                endpoint.domain(),
                endpoint.provisioningBase(),
                endpoint.provisioningBase() + path,
                path,
                lines,
                keys,
                adminPassword,
                timeZone(),
                props.ntpServer(),
                props.language(),
                props.voicemailCode(),
                pickupCode.get(),
                resync,
                props.firmwareUrl(),
                directory,
                multicast);
    }

    public VendorCatalog catalog() {
        return catalog;
    }
}
