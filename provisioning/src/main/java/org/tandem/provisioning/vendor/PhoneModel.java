package org.tandem.provisioning.vendor;

/**
 * A supported phone model and what it can do (from its family's {@code family.properties}).
 *
 * @param vendor     vendor id, e.g. {@code yealink}
 * @param family     family path, e.g. {@code yealink/t4x}
 * @param name       the model as the phone names itself, e.g. {@code SIP-T46S}
 * @param lines      SIP accounts
 * @param keys       programmable (line/BLF/speed-dial) keys on the phone itself
 * @param expansion  expansion modules that can be attached (each adds keys)
 * @param expansionKeys keys of one expansion module (all its pages) that the family's templates program;
 *                   they are numbered on after the phone's own keys, module by module (0: none)
 */
public record PhoneModel(
        String vendor, String family, String name, int lines, int keys, int expansion, int expansionKeys) {

    /** Every programmable key: the phone's own, then those of as many expansion modules as it takes. */
    public int allKeys() {
        return keys + expansion * expansionKeys;
    }
}
