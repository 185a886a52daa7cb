package org.tandem.pbx.trunk;

/**
 * A user's outbound settings.
 *
 * @param callerId               the number presented on their external calls, or null (the route's / trunk's)
 * @param forwardExternalCallers whether their forwarding (always, busy, no answer, ring my mobile too) may send
 *                               an outside caller (a trunk's, an anonymous one) out again through a trunk; off by
 *                               default: trunk-to-trunk forwarding is the classic way to toll fraud (issue 22)
 */
public record UserOutbound(
        String extension, PermissionClass permission, String callerId, boolean forwardExternalCallers) {

    public UserOutbound(String extension, PermissionClass permission, String callerId) {
        this(extension, permission, callerId, false);
    }
}
