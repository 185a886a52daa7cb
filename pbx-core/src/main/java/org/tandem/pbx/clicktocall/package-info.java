/**
 * Click-to-call (third-party call control, the "click-to-dial" of the SIP platforms): Tandem rings the user's own
 * phone and, once it is answered, asks it by REFER (RFC 3515) to call
 * the target itself, so the phone shows the target and the call is the user's own (authenticated, checked against
 * the user's outbound class); unlike RFC 3725's third-party call control, Tandem stays in no dialog of that call. Public API: {@link org.tandem.pbx.clicktocall.ClickToCall}.
 */
package org.tandem.pbx.clicktocall;
