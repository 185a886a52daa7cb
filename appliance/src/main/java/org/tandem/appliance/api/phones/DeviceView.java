package org.tandem.appliance.api.phones;

import java.time.Instant;
import java.util.List;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.firstcontact.FirstContact;

/**
 * A phone as the API shows it. {@code provisioningUrl} (the per-device URL, a secret an admin may type
 * into a phone) and {@code provisioningPassword} (its login on {@code /prov/a/}, user name: the MAC) are
 * only in the single-device answer to an ADMIN.
 *
 * @param lines        one per line: the extension, whether this phone itself is registered for it right now, and the
 *                     user's other registered devices (their User-Agents: a softphone is not this phone, issue 17
 *                     defect 6)
 * @param firstContact the last request for its files that proved nothing (it waits for an admin to accept it) and
 *                     the admin's acceptance, if any; null when neither
 */
public record DeviceView(
        String mac,
        String vendor,
        String model,
        String firmware,
        String description,
        boolean assigned,
        List<LineView> lines,
        List<DeviceKey> keys,
        Instant lastFetchAt,
        String lastFetchSource,
        boolean provisioningUrlHandedOut,
        String provisioningUrl,
        String provisioningPassword,
        FirstContactView firstContact) {

    public record LineView(int line, String extension, boolean registered, List<String> otherDevices) {}

    /**
     * @param waiting        a request is waiting for an admin to accept it (and no acceptance holds now)
     * @param source         where it came from; {@code userAgent} what it said it is
     * @param acceptedSource the address an acceptance holds for (null with {@code acceptedUntil}: any address)
     */
    public record FirstContactView(
            boolean waiting,
            String source,
            String userAgent,
            Instant since,
            Instant last,
            String acceptedSource,
            Instant acceptedUntil) {

        static FirstContactView of(FirstContact c, Instant now) {
            if (c == null) return null;
            boolean accepted = c.acceptedAt(now);
            return new FirstContactView(
                    c.waiting() && !accepted,
                    c.waitingSource(),
                    c.waitingUserAgent(),
                    c.waitingSince(),
                    c.waitingLast(),
                    accepted ? c.acceptedSource() : null,
                    accepted ? c.acceptedUntil() : null);
        }
    }

    static DeviceView of(
            Device d,
            List<LineView> lines,
            String provisioningUrl,
            String provisioningPassword,
            FirstContactView firstContact) {
        return new DeviceView(
                d.mac(),
                d.vendor(),
                d.model(),
                d.firmware(),
                d.description(),
                d.assigned(),
                lines,
                d.keys(),
                d.lastFetchAt(),
                d.lastFetchSource(),
                d.tokenClaimed(),
                provisioningUrl,
                provisioningPassword,
                firstContact);
    }
}
