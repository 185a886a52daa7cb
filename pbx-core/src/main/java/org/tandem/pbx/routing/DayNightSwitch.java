package org.tandem.pbx.routing;

import java.util.concurrent.CompletableFuture;

/**
 * The office's day/night switch behind the feature code (default {@code *28}): the time-condition feature
 * implements it, so the dial plan needs no knowledge of schedules.
 */
public interface DayNightSwitch {

    /**
     * Flips every time condition: to night (closed) when any is open now, else to day (open), each until its
     * schedule next changes. Written to the database off the SIP threads; completes with what was done, in words,
     * once it is durable.
     *
     * @param by who asked (the extension that dialled the code)
     */
    CompletableFuture<String> toggle(String by);
}
