/**
 * Voice quality reports (RFC 6035) the phones send about their calls: the figures for calls whose media the relay
 * never saw. {@link org.tandem.pbx.quality.CallQuality} serves them; the PUBLISH collector and the table are internal.
 */
package org.tandem.pbx.quality;
