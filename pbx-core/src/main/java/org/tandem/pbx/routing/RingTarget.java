package org.tandem.pbx.routing;

import org.tandem.pbx.registrar.Binding;

/** One branch of a {@link RouteStep.Ring}. */
public sealed interface RingTarget {

    /** What call records show as the party that answered on this branch. */
    String label();

    /** A registered device of a local user. */
    record Device(String extension, Binding binding) implements RingTarget {
        public String label() { return extension; }
    }

    /** An external number, through the trunk gateway. */
    record Outside(String number, ExternalRoute.Through route) implements RingTarget {
        public String label() { return number; }
    }
}
