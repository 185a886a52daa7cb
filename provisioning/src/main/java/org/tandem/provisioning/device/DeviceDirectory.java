package org.tandem.provisioning.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.Mac;
import org.tandem.provisioning.device.internal.DeviceDraftCheck;
import org.tandem.provisioning.device.internal.DeviceRepository;
import org.tandem.provisioning.device.internal.DeviceRow;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * The phones of the appliance, held in memory (tens to hundreds) and written through to the database.
 * Secrets (per-device URL token, provisioning and phone-admin passwords) are generated here, stored
 * encrypted and never leave through {@link Device}. What a draft may hold is {@link DeviceDraftCheck}'s to say.
 */
@Service
public class DeviceDirectory {

    /**
     * @param tokenHash SHA-256 (hex) of the per-device URL's token: what is stored (issue 22, Low: device tokens
     *                  in plain text). The token itself is in {@code secrets} only while it is known in memory:
     *                  from its creation (phone added, accepted, reprovisioned) until a restart.
     */
    private record Entry(Device device, DeviceSecrets secrets, String tokenHash) {

        Entry(Device device, DeviceSecrets secrets) {
            this(device, secrets, hashToken(secrets.token()));
        }

        Entry with(Device d) {
            return new Entry(d, secrets, tokenHash);
        }
    }

    private final DeviceRepository repository;
    private final SecretCipher cipher;
    private final DeviceDraftCheck draftCheck;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> devices = new ConcurrentHashMap<>();
    private final Map<String, String> macByTokenHash = new ConcurrentHashMap<>();

    public DeviceDirectory(
            DeviceRepository repository,
            SecretCipher cipher,
            UserDirectory users,
            VendorCatalog catalog,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.cipher = cipher;
        this.draftCheck = new DeviceDraftCheck(users, catalog);
        this.events = events;
        Map<String, List<String>> lines = repository.allLines();
        Map<String, List<DeviceKey>> keys = repository.allKeys();
        for (DeviceRow row : repository.findAll()) {
            Device d = toDevice(row, lines.getOrDefault(row.mac(), List.of()), keys.getOrDefault(row.mac(), List.of()));
            String prov = cipher.decrypt(row.provPasswordEnc());
            String admin = cipher.decrypt(row.adminPasswordEnc());
            if (isTokenHash(row.token())) {
                put(new Entry(d, new DeviceSecrets(null, prov, admin), row.token()));
            } else {
                // stored before tokens were hashed: hash it now; the clear token stays known until the next restart
                Entry e = new Entry(d, new DeviceSecrets(row.token(), prov, admin));
                save(e, false);
            }
        }
    }

    public List<Device> list() {
        return devices.values().stream()
                .map(Entry::device)
                .sorted(Comparator.comparing(Device::mac))
                .toList();
    }

    public Optional<Device> find(String mac) {
        return Mac.normalize(mac).map(devices::get).map(Entry::device);
    }

    public Optional<Device> findByToken(String token) {
        String mac = token == null ? null : macByTokenHash.get(hashToken(token));
        return mac == null ? Optional.empty() : find(mac);
    }

    /**
     * The phone's secrets with its per-device URL's token in clear, for handing that URL out (first contact): the
     * one in memory, else (known only as a hash since a restart) a fresh one, the old URL then stopping.
     */
    public synchronized DeviceSecrets secretsWithToken(String mac) {
        Entry e = devices.get(mac);
        if (e == null) throw new IllegalStateException("no phone " + mac);
        if (e.secrets().token() != null) return e.secrets();
        macByTokenHash.remove(e.tokenHash());
        Entry fresh = new Entry(
                e.device(),
                new DeviceSecrets(
                        newSecret(24),
                        e.secrets().provisioningPassword(),
                        e.secrets().adminPassword()));
        save(fresh, false);
        return fresh.secrets();
    }

    public Optional<DeviceSecrets> secrets(String mac) {
        return Mac.normalize(mac).map(devices::get).map(Entry::secrets);
    }

    /** Adds a phone by MAC (admin). */
    @Transactional
    public Device create(String macText, DeviceDraft draft) {
        String mac = Mac.normalize(macText).orElseThrow(() -> new InvalidInputException("mac", "phone.mac"));
        draftCheck.check(draft);
        if (devices.containsKey(mac)) throw new DuplicateException("duplicate.phone", mac);
        Device device = insert(mac, draft.vendor(), draft.model(), null, draft.description());
        return assign(mac, draft);
    }

    /**
     * A phone of a supported vendor asked for its file and is not known yet: it is added unassigned (no
     * lines, so it gets no credentials) for an admin to see and assign.
     */
    @Transactional
    public Device addUnassigned(String mac, String vendor, String model, String firmware) {
        Entry e = devices.get(mac);
        if (e != null) return e.device();
        return insert(mac, vendor, model, firmware, null);
    }

    @Transactional
    public Optional<Device> update(String macText, DeviceDraft draft) {
        Optional<String> mac = Mac.normalize(macText);
        if (mac.isEmpty() || !devices.containsKey(mac.get())) return Optional.empty();
        draftCheck.check(draft);
        return Optional.of(assign(mac.get(), draft));
    }

    @Transactional
    public boolean delete(String macText) {
        Optional<String> mac = Mac.normalize(macText);
        if (mac.isEmpty() || repository.delete(mac.get()) == 0) return false;
        Entry old = devices.remove(mac.get());
        if (old != null) macByTokenHash.remove(old.tokenHash());
        events.publishEvent(new DeviceChanged(mac.get(), true));
        return true;
    }

    /** What the phone said about itself when fetching (User-Agent), and when/where from. */
    public void noteFetch(String mac, String vendor, String model, String firmware, String source, Instant at) {
        Entry e = devices.get(mac);
        if (e == null) return;
        Device d = e.device();
        Device now = new Device(
                d.mac(),
                vendor != null ? vendor : d.vendor(),
                model != null ? model : d.model(),
                firmware != null ? firmware : d.firmware(),
                d.description(),
                d.lines(),
                d.keys(),
                d.tokenClaimed(),
                d.createdAt(),
                d.updatedAt(),
                at,
                source);
        save(e.with(now), false);
    }

    /** Notes that the per-device URL was handed out (to a phone an admin accepted, see first contact). */
    public synchronized void markHandedOut(String mac) {
        Entry e = devices.get(mac);
        if (e == null || e.device().tokenClaimed()) return;
        save(e.with(withClaim(e.device(), true)), false);
    }

    /**
     * A new per-device URL, not handed out yet: for a replaced or factory-reset phone, and whenever an admin
     * accepts a phone's first contact. The old URL stops working at once.
     */
    @Transactional
    public Optional<Device> reprovision(String macText) {
        Optional<String> mac = Mac.normalize(macText);
        Entry e = mac.map(devices::get).orElse(null);
        if (e == null) return Optional.empty();
        macByTokenHash.remove(e.tokenHash());
        DeviceSecrets fresh = new DeviceSecrets(
                newSecret(24), e.secrets().provisioningPassword(), e.secrets().adminPassword());
        save(new Entry(withClaim(e.device(), false), fresh), true);
        return find(mac.get());
    }

    @EventListener
    void onUserChanged(UserChanged change) {
        if (!change.deleted()) {
            devices.values().stream()
                    .filter(e -> e.device().lines().contains(change.extension()))
                    .forEach(e ->
                            events.publishEvent(new DeviceChanged(e.device().mac(), false)));
        }
    }

    private Device insert(String mac, String vendor, String model, String firmware, String description) {
        long now = Instant.now().toEpochMilli();
        DeviceSecrets secrets = new DeviceSecrets(newSecret(24), newSecret(18), newSecret(12));
        DeviceRow row = new DeviceRow(
                mac,
                vendor,
                model,
                firmware,
                blankToNull(description),
                hashToken(secrets.token()),
                false,
                cipher.encrypt(secrets.provisioningPassword()),
                cipher.encrypt(secrets.adminPassword()),
                now,
                now,
                null,
                null);
        repository.insert(row);
        Entry e = new Entry(toDevice(row, List.of(), List.of()), secrets);
        put(e);
        return e.device();
    }

    private Device assign(String mac, DeviceDraft draft) {
        Entry e = devices.get(mac);
        Device d = e.device();
        repository.replaceAssignments(mac, draft.lines(), draft.keys());
        Device now = new Device(
                mac,
                draft.vendor() != null ? draft.vendor() : d.vendor(),
                draft.model() != null ? draft.model() : d.model(),
                d.firmware(),
                blankToNull(draft.description()),
                draft.lines(),
                draft.keys().stream()
                        .sorted(Comparator.comparingInt(DeviceKey::index))
                        .toList(),
                d.tokenClaimed(),
                d.createdAt(),
                Instant.now(),
                d.lastFetchAt(),
                d.lastFetchSource());
        save(e.with(now), true);
        return now;
    }

    private void save(Entry e, boolean changed) {
        Device d = e.device();
        repository.update(new DeviceRow(
                d.mac(),
                d.vendor(),
                d.model(),
                d.firmware(),
                d.description(),
                e.tokenHash(),
                d.tokenClaimed(),
                null,
                null,
                d.createdAt().toEpochMilli(),
                d.updatedAt().toEpochMilli(),
                d.lastFetchAt() == null ? null : d.lastFetchAt().toEpochMilli(),
                d.lastFetchSource()));
        put(e);
        if (changed) events.publishEvent(new DeviceChanged(d.mac(), false));
    }

    private void put(Entry e) {
        devices.put(e.device().mac(), e);
        macByTokenHash.put(e.tokenHash(), e.device().mac());
    }

    private String newSecret(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of a token, hex: 64 characters (a token is 32 base64url characters, 192 random bits: no salt needed). */
    static String hashToken(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean isTokenHash(String stored) {
        return stored != null && stored.matches("[0-9a-f]{64}");
    }

    private static Device withClaim(Device d, boolean claimed) {
        return new Device(
                d.mac(),
                d.vendor(),
                d.model(),
                d.firmware(),
                d.description(),
                d.lines(),
                d.keys(),
                claimed,
                d.createdAt(),
                d.updatedAt(),
                d.lastFetchAt(),
                d.lastFetchSource());
    }

    private static Device toDevice(DeviceRow r, List<String> lines, List<DeviceKey> keys) {
        return new Device(
                r.mac(),
                r.vendor(),
                r.model(),
                r.firmware(),
                r.description(),
                List.copyOf(lines),
                List.copyOf(keys),
                r.tokenClaimed(),
                Instant.ofEpochMilli(r.createdMs()),
                Instant.ofEpochMilli(r.updatedMs()),
                r.lastFetchMs() == null ? null : Instant.ofEpochMilli(r.lastFetchMs()),
                r.lastFetchSource());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
