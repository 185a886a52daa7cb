package org.tandem.pbx.xcap;

import java.util.Arrays;
import java.util.Optional;

/** The application usages Tandem serves (RFC 4825 §4): each one's document root, namespace and MIME type. */
public enum Auid {
    /** Buddy lists (RFC 4826 §3). */
    RESOURCE_LISTS(
            "resource-lists",
            "urn:ietf:params:xml:ns:resource-lists",
            "resource-lists",
            "application/resource-lists+xml"),
    /** Presence authorization rules (RFC 5025 §9, on the common policy of RFC 4745). */
    PRES_RULES("pres-rules", "urn:ietf:params:xml:ns:common-policy", "ruleset", "application/auth-policy+xml"),
    /** Resource list server services (RFC 4826 §4): a SIP URI of the user's that stands for a list to subscribe to. */
    RLS_SERVICES("rls-services", "urn:ietf:params:xml:ns:rls-services", "rls-services", "application/rls-services+xml");

    private final String id;
    private final String namespace;
    private final String root;
    private final String mimeType;

    Auid(String id, String namespace, String root, String mimeType) {
        this.id = id;
        this.namespace = namespace;
        this.root = root;
        this.mimeType = mimeType;
    }

    public String id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public String root() {
        return root;
    }

    public String mimeType() {
        return mimeType;
    }

    public static Optional<Auid> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
