package org.tandem.webui.frame;

/** The groups of the admin menu, by the admin's task (issue 17: not one flat list of every page). */
public enum MenuSection {
    MONITORING("Monitoring"),
    USERS_AND_PHONES("Users & phones"),
    CALL_FLOW("Call flow"),
    TRUNKS("Trunks"),
    SYSTEM("System");

    private final String label;

    MenuSection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
