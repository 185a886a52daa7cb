package org.tandem.pbx.trunk.internal;

import javax.sip.address.Hop;

/**
 * One established side of a trunk call, as in-dialog requests need it: our contact user there, the
 * dialog, the transport, and the hop for requests when the dialog has no route set.
 */
record LegEnd(String contactUser, LegDialog dialog, String transport, Hop hop) {}
