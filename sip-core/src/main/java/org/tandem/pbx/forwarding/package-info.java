/**
 * The mechanics of a stateful SIP proxy, apart from what the PBX decides (where a call goes, which phones ring,
 * media anchoring — those stay in pbx-core's {@code proxy} and {@code routing}).
 *
 * <p>Public API: {@link org.tandem.pbx.forwarding.Forwarder} (RFC 3261 §16.6 request copies, Vias, the next hop,
 * stateless sends, §16.7 upstream copies), {@link org.tandem.pbx.forwarding.RequestValidation} (§16.3),
 * {@link org.tandem.pbx.forwarding.RouteSet} (Record-Route and Route, §16.4, §16.6 steps 4–6),
 * {@link org.tandem.pbx.forwarding.BranchIds} (the proxy's branches, §16.6 step 8, loop detection §16.3 step 4),
 * {@link org.tandem.pbx.forwarding.BestResponse} (§16.7 step 6, challenges aggregated per §16.7 step 7),
 * {@link org.tandem.pbx.forwarding.FlowTokens} (flow tokens in Record-Route, RFC 5626 §5.3),
 * {@link org.tandem.pbx.forwarding.ContactMasks}, {@link org.tandem.pbx.forwarding.ClosedFlow},
 * {@link org.tandem.pbx.forwarding.LiveDialogs} and {@link org.tandem.pbx.forwarding.Sipfrag} (RFC 3420 bodies of
 * REFER's NOTIFYs). Everything here runs on the Call-ID's stripe and keeps no call state of its own but the live
 * dialogs' timestamps.
 */
package org.tandem.pbx.forwarding;
