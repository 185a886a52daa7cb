package org.tandem.provisioning.device;

/**
 * A programmable key of a phone (numbered from 1 across the phone and its expansion modules).
 *
 * @param kind   BLF: lamp follows the target extension (dialog event package, RFC 4235) and a press
 *               calls or picks up; SPEED_DIAL: a press dials the target
 * @param target an extension or number
 * @param label  text next to the key; empty = the target
 */
public record DeviceKey(int index, Kind kind, String target, String label) {

    public enum Kind {
        BLF,
        SPEED_DIAL
    }

    public String labelOrTarget() {
        return label == null || label.isBlank() ? target : label;
    }
}
