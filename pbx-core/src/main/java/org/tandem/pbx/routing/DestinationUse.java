package org.tandem.pbx.routing;

import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.validation.InUseException;

/**
 * A feature whose configuration sends calls to destinations (inbound routes, IVR keys, time conditions): asked
 * before an IVR menu, a conference room or a time condition is deleted, so that no call is sent to something that
 * is gone.
 */
public interface DestinationUse {

    /**
     * What sends calls to {@code destination}, for the admin (e.g. "inbound route +4930123456", "IVR menu main
     * (key 1)"); empty when nothing does. A thing that names itself (a menu whose key 0 repeats it) is no use.
     */
    List<String> usesOf(Destination destination);

    /** @throws InUseException naming every use of {@code destination} among {@code uses}, when there is one */
    static void refuseIfUsed(Iterable<DestinationUse> uses, Destination destination, String what) {
        List<String> found = new ArrayList<>();
        for (DestinationUse use : uses) found.addAll(use.usesOf(destination));
        if (!found.isEmpty()) throw new InUseException(what, found);
    }
}
