package org.tandem.provisioning.vendor;

/** How sure an identification is, highest first (after wazo-provd's exact/complete/probable). */
public enum Confidence {
    /** vendor, model and MAC from the phone's own User-Agent */
    EXACT,
    /** vendor and model from the User-Agent, no MAC in it */
    COMPLETE,
    /** vendor from the MAC's OUI or the file name only */
    PROBABLE
}
