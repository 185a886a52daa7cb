/**
 * Call lifecycle events: what happened to each call attempt, as Spring application events. The
 * proxy raises one {@link org.tandem.pbx.call.CallStarted} per call attempt (an out-of-dialog INVITE
 * it routes) and exactly one {@link org.tandem.pbx.call.CallEnded} for it; the trunk gateway and the
 * router add details under the same Call-ID. Call detail records are built from these, off the SIP
 * threads. Events are raised on the call's Call-ID stripe: listeners must not block.
 */
package org.tandem.pbx.call;
