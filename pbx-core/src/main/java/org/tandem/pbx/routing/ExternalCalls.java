package org.tandem.pbx.routing;

/**
 * How a call leaves the PBX for an external number: the outbound routes, their permission classes
 * and their trunks. Implemented by the trunk feature (its gateway is a B2BUA in this process); the
 * proxy asks it whenever the dial plan reaches a {@link Destination.External} — a dialled number,
 * a forward to a mobile, an external ring group member. Runs on the call's stripe: must not block.
 * Without a trunk feature every external number is refused with 404.
 */
public interface ExternalCalls {

    ExternalRoute route(ExternalCallRequest request);
}
