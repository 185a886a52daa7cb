package org.tandem.operations.network;

import java.util.List;

/**
 * The ports a module above this one listens on, for the firewall ({@link Firewall}): HTTPS and TFTP are the
 * appliance's and provisioning's, whose settings this module cannot read with their defaults and fallbacks (e.g.
 * {@code tandem.provisioning.https-port} still wins over {@code tandem.https-port}). Each such module contributes a
 * bean; the firewall opens exactly what it names, so a port is opened where the service really listens.
 */
@FunctionalInterface
public interface ServicePorts {

    /** The openings this module's services need; a service turned off (port 0) names none. */
    List<FirewallState.Opening> openings();

    /** One service's opening, or none when its port is 0 (turned off). */
    static List<FirewallState.Opening> listening(String service, String protocol, int port) {
        return port > 0 ? List.of(new FirewallState.Opening(service, protocol, String.valueOf(port))) : List.of();
    }
}
