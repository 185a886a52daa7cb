/**
 * Call routing: the dial plan that turns the proxy into an office phone system.
 *
 * <p>How a call is routed. The stateful proxy ({@code proxy}) keeps doing RFC 3261 §16 for every
 * call between phones; for an out-of-dialog INVITE it asks the router for the target set instead of
 * just the registered contacts of the Request-URI. The router resolves the dialled number to a
 * {@link org.tandem.pbx.routing.Destination} (feature code, extension, ring group, external number,
 * media service...) and then into steps: ring these targets in parallel for so long, and if that
 * ends busy / unanswered, go on with that destination (forwarding, hunt groups, fallbacks) — serial
 * forking inside one server transaction (§16.7 step 4 recursion).
 *
 * <p>Edges of the PBX. External numbers are reached through {@link org.tandem.pbx.routing.ExternalCalls}
 * (the trunk feature: outbound routes, permission classes, and a B2BUA gateway that the proxy forks to
 * over a loopback spiral). Calls from trunks come into the proxy from that gateway, carrying a signed
 * {@link org.tandem.pbx.routing.TrustedOrigin}. Feature codes and media services are answered by
 * user agents inside this process.
 *
 * <p>Lifecycle events of each call attempt are in {@code org.tandem.pbx.call}.
 */
package org.tandem.pbx.routing;
