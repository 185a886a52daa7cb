package org.tandem.pbx.directory;

import java.util.List;

/**
 * Configuration outside the directory that sends calls to a user (their extension or voicemail box): inbound
 * routes, IVR keys, time conditions, ring groups, other users' forwarding. Asked before a user is deleted, so no
 * call is sent to an extension that is gone (implemented by the routing feature, which depends on this one).
 */
public interface ExtensionUse {

    /** What uses {@code extension}, for the admin (e.g. "IVR menu main (key 1)"); empty when nothing does. */
    List<String> usesOfExtension(String extension);
}
