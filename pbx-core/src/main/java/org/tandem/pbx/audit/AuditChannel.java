package org.tandem.pbx.audit;

/** How a change reached the appliance. */
public enum AuditChannel {
    API("API"),
    WEB_UI("web UI"),
    PHONE("phone");

    private final String label;

    AuditChannel(String label) {
        this.label = label;
    }

    /** The channel as an admin reads it. */
    public String label() {
        return label;
    }
}
