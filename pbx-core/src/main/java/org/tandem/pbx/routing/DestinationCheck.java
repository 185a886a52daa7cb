package org.tandem.pbx.routing;

import java.util.Optional;
import org.tandem.pbx.validation.FieldError;

/**
 * A feature that owns a kind of {@link Destination} (conference rooms, IVR menus, time conditions) says
 * whether one of its destinations exists, so that configuration naming it can be refused with a clear
 * message instead of failing at call time.
 */
public interface DestinationCheck {

    /** Why {@code destination} cannot be used (e.g. "no conference room 800"), or empty when it exists or is not this feature's. */
    Optional<FieldError> problem(Destination destination);
}
