package org.tandem.pbx.sip;

import java.util.Set;

/**
 * A feature that is the notifier (RFC 6665 §2) of some event packages for the resources of the domain: their
 * SUBSCRIBEs are its to answer, never the proxy's. Together the notifiers name what Tandem serves, what a 489 Bad Event
 * lists in its Allow-Events (RFC 6665 §7.2.2).
 */
public interface EventNotifier {

    /** The event packages (Event header tokens, lower case) this notifier answers SUBSCRIBEs for. */
    Set<String> eventPackages();
}
