package org.tandem.pbx.park;

import java.time.Instant;

/**
 * A call waiting in a park orbit, as the API shows it.
 *
 * @param parker the extension that parked it (returns go there), or null when unknown
 */
public record ParkedCallView(
        String orbit, String caller, String callerName, String parker, Instant parkedAt, Instant returnsAt) {}
