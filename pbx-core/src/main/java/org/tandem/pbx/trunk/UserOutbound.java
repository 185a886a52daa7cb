package org.tandem.pbx.trunk;

/**
 * A user's outbound settings.
 *
 * @param callerId the number presented on their external calls, or null (the route's / trunk's)
 */
public record UserOutbound(String extension, PermissionClass permission, String callerId) {
}
