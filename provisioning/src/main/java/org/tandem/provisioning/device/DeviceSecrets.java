package org.tandem.provisioning.device;

/**
 * What only the phone (and the admin) may know.
 *
 * @param token                unguessable path segment of the per-device URL {@code /prov/d/<token>/}; null when
 *                             only its hash is known (it is stored hashed; known in clear from its creation until
 *                             a restart)
 * @param provisioningPassword HTTP Basic password of the phone (user name: its MAC) on {@code /prov/}
 * @param adminPassword        password of the phone's own web UI, set by its configuration
 */
public record DeviceSecrets(String token, String provisioningPassword, String adminPassword) {}
