package org.tandem.provisioning.serving;

/**
 * One request for a provisioning file, from HTTP or TFTP.
 *
 * @param path             below {@code /prov/}: {@code <file>}, {@code d/<token>/<file>} (per-device URL) or
 *                         {@code a/<file>} (log in first: the phone's MAC and provisioning password)
 * @param source           the requester's IP address
 * @param protocol         {@code http}, {@code https} or {@code tftp}
 * @param credentials      HTTP Basic or Digest credentials, if sent (user name: the phone's MAC); null otherwise
 * @param provisioningBase absolute URL of {@code /prov/} as this requester reaches it
 */
public record FetchRequest(
        String path,
        String source,
        String protocol,
        String userAgent,
        PhoneCredentials credentials,
        String provisioningBase) {}
