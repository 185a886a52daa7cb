package org.tandem.provisioning.serving;

/**
 * One request for a provisioning file, from HTTP or TFTP.
 *
 * @param path             below {@code /prov/}: {@code <file>} or {@code d/<token>/<file>}
 * @param source           the requester's IP address
 * @param protocol         {@code http}, {@code https} or {@code tftp}
 * @param basicUser        HTTP Basic user name, if sent (the phone's MAC)
 * @param basicPassword    HTTP Basic password, if sent (the phone's provisioning password)
 * @param provisioningBase absolute URL of {@code /prov/} as this requester reaches it
 */
public record FetchRequest(String path, String source, String protocol, String userAgent, String basicUser,
                           String basicPassword, String provisioningBase) {
}
