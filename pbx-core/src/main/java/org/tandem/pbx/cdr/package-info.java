/**
 * Call detail records: one row per call attempt, folded from the call lifecycle events of
 * {@code org.tandem.pbx.call} off the SIP threads (one writer thread behind a bounded queue), and the
 * queries the REST API and the user portal serve them with ({@link org.tandem.pbx.cdr.CallRecords}).
 *
 * <p>Never lost on restart: the row is written when the call starts and updated on answer and end;
 * a row that a crash or a stop left open is closed at the next start-up, with the last time the call
 * was known to be alive as its end and {@code closedAtRestart} set.
 */
package org.tandem.pbx.cdr;
