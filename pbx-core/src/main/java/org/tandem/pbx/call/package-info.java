/**
 * Call lifecycle events: what happened to each call attempt, raised through {@link org.tandem.pbx.call.CallEvents}
 * to the {@link org.tandem.pbx.call.CallListener} beans (not Spring application events: a call raises a dozen). The
 * proxy raises one {@link org.tandem.pbx.call.CallStarted} per call attempt (an out-of-dialog INVITE
 * it routes) and exactly one {@link org.tandem.pbx.call.CallEnded} for it; the trunk gateway and the
 * router add details under the same Call-ID; {@link org.tandem.pbx.call.DialogStateChanged} carries the
 * RFC 4235 dialog state per extension (busy lamps, presence, busy checks). Call detail records are built from these, off the SIP
 * threads. Events are raised on the call's Call-ID stripe: listeners must not block.
 */
package org.tandem.pbx.call;
