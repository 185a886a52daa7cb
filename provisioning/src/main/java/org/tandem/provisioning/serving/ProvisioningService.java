package org.tandem.provisioning.serving;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.provisioning.Mac;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceSecrets;
import org.tandem.provisioning.device.FetchLog;
import org.tandem.provisioning.device.FetchResult;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.render.DeviceConfigs;
import org.tandem.provisioning.serving.internal.FileResolver;
import org.tandem.provisioning.serving.internal.FileResolver.Resolved;
import org.tandem.provisioning.serving.internal.ScanGuard;
import org.tandem.provisioning.vendor.DeviceIdentifier;
import org.tandem.provisioning.vendor.DeviceIdentity;
import org.tandem.provisioning.vendor.ProvisionedFile;

/**
 * Decides what a phone asking for a file gets; HTTP ({@code /prov/}) and TFTP serve the same answers.
 *
 * <p>Who gets SIP credentials: only a requester that proves it is the device, by its per-device URL
 * ({@code /prov/d/<token>/...}) or by HTTP Basic or Digest (RFC 7616) with the device's MAC and provisioning
 * password, which {@code /prov/a/...} asks for (401) before serving a device's file. The per-device URL is handed
 * out only to a request an admin accepted ({@link FirstContacts}: first contact); any other request for a phone's
 * file is refused and shown as waiting, whether the phone is new, pre-added by an admin, or already provisioned
 * (a plain request for a provisioned phone never gets a file that would disable its line or move its server).
 * Unknown tokens, wrong passwords and sources asking for many MACs are reported to the {@link BanRegistry}.
 */
@Service
public class ProvisioningService {

    private final DeviceDirectory devices;
    private final DeviceIdentifier identifier;
    private final DeviceConfigs configs;
    private final FetchLog fetchLog;
    private final BanRegistry bans;
    private final SipTransports sip;
    private final ProvisioningProperties props;
    private final SipDomain domain;
    private final FileResolver resolver;
    private final ScanGuard scanGuard;
    private final FirstContacts firstContacts;
    private final Clock clock;

    public ProvisioningService(
            DeviceDirectory devices,
            DeviceIdentifier identifier,
            DeviceConfigs configs,
            FetchLog fetchLog,
            BanRegistry bans,
            SipTransports sip,
            ProvisioningProperties props,
            SipDomain domain,
            FirstContacts firstContacts,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        this.firstContacts = firstContacts;
        this.devices = devices;
        this.identifier = identifier;
        this.configs = configs;
        this.fetchLog = fetchLog;
        this.bans = bans;
        this.sip = sip;
        this.props = props;
        this.domain = domain;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.resolver = new FileResolver(configs.catalog());
        this.scanGuard = new ScanGuard(props.maxUnknownMacsPerSource(), props.scanWindow(), this.clock);
    }

    public ServedFile serve(FetchRequest request) {
        Instant now = clock.instant();
        String path = request.path() == null ? "" : request.path();
        Device tokenDevice = null;
        String token = null;
        String fileName = path;
        // a/: a phone configured with its MAC and provisioning password is asked for them (RFC 7235 §3.1)
        boolean loginFirst = path.startsWith("a/");
        if (loginFirst) fileName = path.substring(2);
        if (request.credentials() != null && request.credentials().stale()) {
            return log(request, now, null, path, ServedFile.refused(401, FetchResult.CHALLENGED));
        }
        if (path.startsWith("d/")) {
            int slash = path.indexOf('/', 2);
            token = slash < 0 ? path.substring(2) : path.substring(2, slash);
            Optional<Device> byToken = devices.findByToken(token);
            if (byToken.isEmpty() || slash < 0) {
                return deny(request, now, null, path, 404, "provisioning: unknown per-device URL");
            }
            tokenDevice = byToken.get();
            fileName = path.substring(slash + 1);
        }
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
            return log(
                    request,
                    now,
                    tokenDevice == null ? null : tokenDevice.mac(),
                    path,
                    ServedFile.refused(404, FetchResult.NOT_FOUND));
        }
        List<Resolved> candidates = resolver.candidates(fileName);
        String macInName = candidates.stream()
                .map(Resolved::mac)
                .filter(m -> m != null)
                .findFirst()
                .orElse(null);
        Optional<DeviceIdentity> identity = identifier.identify(request.userAgent(), macInName);
        Optional<Device> known = tokenDevice != null ? Optional.of(tokenDevice) : devices.find(macInName);
        String vendor = known.map(Device::vendor)
                .orElse(identity.map(DeviceIdentity::vendor).orElse(null));
        String model = known.map(Device::model).orElse(null);
        if (model == null) model = identity.map(DeviceIdentity::model).orElse(null);
        Optional<Resolved> resolved = resolver.choose(candidates, vendor, model);
        if (resolved.isEmpty()) {
            return log(request, now, macInName, path, ServedFile.refused(404, FetchResult.NOT_FOUND));
        }
        Resolved r = resolved.get();
        boolean deviceFile = r.file().kind() != ProvisionedFile.Kind.COMMON;
        if (loginFirst && deviceFile && request.credentials() == null) {
            return log(request, now, macInName, path, ServedFile.refused(401, FetchResult.CHALLENGED));
        }
        String fileModel = r.model() != null ? r.model() : model;
        DeviceConfigs.Endpoint endpoint = endpoint(request.provisioningBase());
        if (loginFirst) {
            // the phone stays on the URL that asks it to log in
            endpoint = new DeviceConfigs.Endpoint(
                    endpoint.sipServer(),
                    endpoint.sipPort(),
                    endpoint.sipTransport(),
                    endpoint.domain(),
                    endpoint.provisioningBase() + "a/");
        }
        if (r.file().kind() == ProvisionedFile.Kind.DIRECTORY) {
            // the phonebook lists every user: only for a phone that proved itself (its URL or credentials)
            boolean proven = tokenDevice != null || provenByPassword(request);
            if (!proven) return log(request, now, null, path, ServedFile.refused(404, FetchResult.NOT_FOUND));
            String text = configs.render(r.family(), r.file(), fileModel, null, null, endpoint, false, false, false);
            return log(
                    request,
                    now,
                    tokenDevice == null ? null : tokenDevice.mac(),
                    path,
                    ServedFile.ok(text, r.file().contentType(), FetchResult.COMMON));
        }
        if (r.file().kind() == ProvisionedFile.Kind.COMMON) {
            String text = configs.render(r.family(), r.file(), fileModel, null, null, endpoint, false, false, false);
            return log(
                    request,
                    now,
                    tokenDevice == null ? null : tokenDevice.mac(),
                    path,
                    ServedFile.ok(text, r.file().contentType(), FetchResult.COMMON));
        }
        return serveDeviceFile(request, now, path, r, fileModel, tokenDevice, token, identity, endpoint);
    }

    private ServedFile serveDeviceFile(
            FetchRequest request,
            Instant now,
            String path,
            Resolved r,
            String model,
            Device tokenDevice,
            String token,
            Optional<DeviceIdentity> identity,
            DeviceConfigs.Endpoint endpoint) {
        String mac = r.mac();
        if (tokenDevice != null && !tokenDevice.mac().equals(mac)) {
            return deny(
                    request,
                    now,
                    tokenDevice.mac(),
                    path,
                    404,
                    "provisioning: another phone's file on a per-device URL");
        }
        boolean proven = tokenDevice != null;
        if (!proven && request.credentials() != null) {
            Optional<DeviceSecrets> secrets = devices.secrets(mac);
            boolean ok = secrets.isPresent()
                    && Mac.normalize(request.credentials().user())
                            .filter(mac::equals)
                            .isPresent()
                    && request.credentials().proves(secrets.get().provisioningPassword());
            if (!ok) return deny(request, now, mac, path, 401, "provisioning: wrong phone credentials");
            proven = true;
        }
        if (!proven && !scanGuard.admit(request.source(), mac)) {
            // TFTP is one UDP datagram with an unchecked source: counting it would let anyone get the office's
            // phones banned (issue 22 finding 5). The scan is still refused; HTTP (TCP) scans count.
            if (!"tftp".equals(request.protocol())) {
                bans.recordFailure(request.source(), "provisioning: MAC scan over " + request.protocol());
            }
            return log(request, now, mac, path, ServedFile.refused(404, FetchResult.SCAN_REFUSED));
        }
        Optional<DeviceIdentity> sameVendor =
                identity.filter(i -> i.vendor().equals(r.family().vendor()));
        Optional<Device> device = devices.find(mac);
        if (device.isEmpty()) {
            device = Optional.of(devices.addUnassigned(
                    mac,
                    r.family().vendor(),
                    sameVendor.map(DeviceIdentity::model).orElse(model),
                    sameVendor.map(DeviceIdentity::firmware).orElse(null)));
        }
        DeviceSecrets secrets = devices.secrets(mac).orElseThrow();
        boolean handOut = false;
        if (proven) {
            firstContacts.proven(mac, request.source());
        } else if (firstContacts.admit(mac, request.source(), request.userAgent())) {
            // an admin accepted this phone at this address (issue 22 finding 2): it gets its fresh private URL, and
            // where the file is its configuration (Grandstream, Fanvil: one file), its credentials with it
            secrets = devices.secretsWithToken(mac);
            devices.markHandedOut(mac);
            handOut = true;
        } else {
            // first contact, not accepted: nothing of the phone's (no private URL, no secret), and nothing that
            // would disable the line or move the server of a phone that has them (issue 19); it waits on the
            // Phones page. 404 like any file Tandem does not have: the phone keeps what it has.
            return log(request, now, mac, path, ServedFile.refused(404, FetchResult.WAITING_FOR_ACCEPTANCE));
        }
        // the file resolved to this vendor (the device's own when it had one): a phone added by MAC alone learns
        // it. Only from the phone itself: an unproven request must not change the model its files are made for.
        devices.noteFetch(
                mac,
                r.family().vendor(),
                sameVendor.map(DeviceIdentity::model).orElse(null),
                sameVendor.map(DeviceIdentity::firmware).orElse(null),
                request.source(),
                now);
        // only the token's hash is stored: a phone on its own URL is told the token it came with
        if (tokenDevice != null)
            secrets = new DeviceSecrets(token, secrets.provisioningPassword(), secrets.adminPassword());
        boolean tokenUrl = tokenDevice != null || handOut;
        boolean credentials = device.get().assigned() && r.file().kind() == ProvisionedFile.Kind.CONFIG;
        String modelName = device.get().model() != null ? device.get().model() : model;
        String text = configs.render(
                r.family(),
                r.file(),
                modelName,
                devices.find(mac).orElseThrow(),
                secrets,
                endpoint,
                credentials,
                tokenUrl,
                false);
        FetchResult result = handOut
                ? FetchResult.TOKEN_HANDED_OUT
                : credentials ? FetchResult.CONFIG_WITH_CREDENTIALS : FetchResult.CONFIG_WITHOUT_CREDENTIALS;
        return log(request, now, mac, path, ServedFile.ok(text, r.file().contentType(), result));
    }

    /** HTTP Basic or Digest with some phone's MAC and its provisioning password (wrong ones are failed logins). */
    private boolean provenByPassword(FetchRequest request) {
        if (request.credentials() == null) return false;
        Optional<String> mac = Mac.normalize(request.credentials().user());
        Optional<DeviceSecrets> secrets = mac.flatMap(devices::secrets);
        boolean ok = secrets.isPresent()
                && request.credentials().proves(secrets.get().provisioningPassword());
        if (!ok) bans.recordFailure(request.source(), "provisioning: wrong phone credentials");
        return ok;
    }

    /** What the phone's configuration is pointed at: the SIP server and this request's /prov/ base. */
    public DeviceConfigs.Endpoint endpoint(String requestBase) {
        String host = props.sipServer() != null ? props.sipServer() : sip.advertisedHost();
        int port = sip.port("udp");
        String base = props.baseUrl() != null ? props.baseUrl() : requestBase;
        if (!base.endsWith("/")) base = base + "/";
        return new DeviceConfigs.Endpoint(host, port, "udp", domain.current(), base);
    }

    private ServedFile deny(FetchRequest request, Instant now, String mac, String path, int status, String what) {
        bans.recordFailure(request.source(), what);
        return log(request, now, mac, path, ServedFile.refused(status, FetchResult.DENIED));
    }

    private ServedFile log(FetchRequest request, Instant now, String mac, String path, ServedFile served) {
        // the token is a secret: the log shows which device, not its URL
        String logged = path.startsWith("d/") ? "d/…/" + path.substring(path.lastIndexOf('/') + 1) : path;
        fetchLog.record(now, mac, request.source(), request.protocol(), logged, request.userAgent(), served.result());
        return served;
    }
}
