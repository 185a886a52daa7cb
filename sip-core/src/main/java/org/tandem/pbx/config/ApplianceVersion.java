package org.tandem.pbx.config;

/** The appliance's version: the Implementation-Version of its jar's manifest, "development" when run from classes. */
public final class ApplianceVersion {

    private ApplianceVersion() {}

    public static String current() {
        String v = ApplianceVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
