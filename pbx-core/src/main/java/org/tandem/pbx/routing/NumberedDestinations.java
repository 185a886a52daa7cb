package org.tandem.pbx.routing;

import java.util.Optional;

/**
 * A feature whose objects are dialled by number like extensions (conference rooms; later park orbits) tells
 * the dial plan what a dialled number is. Runs on the call's stripe: answers from memory.
 */
public interface NumberedDestinations {

    /** The destination dialling {@code number} reaches, or empty when the number is not this feature's. */
    Optional<Destination> destinationOf(String number);
}
