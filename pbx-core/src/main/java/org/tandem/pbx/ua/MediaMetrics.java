package org.tandem.pbx.ua;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tandem.media.MediaEngine;

/**
 * The media engine's figures for the metrics endpoint: calls with media here, those being recorded, and call events
 * a full Call-ID stripe refused.
 */
class MediaMetrics implements MeterBinder {

    private final MediaEngine engine;
    private final CallEventStripes callEvents;

    MediaMetrics(MediaEngine engine, CallEventStripes callEvents) {
        this.engine = engine;
        this.callEvents = callEvents;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.media.sessions", engine, MediaEngine::openSessions)
                .description("Media sessions open (voicemail, IVR, conference, park, music on hold)")
                .register(registry);
        Gauge.builder("tandem.media.recordings", engine, MediaEngine::recordingsInProgress)
                .description("Voicemail messages and greetings being recorded (in memory until they end)")
                .register(registry);
        FunctionCounter.builder("tandem.media.call.events.dropped", callEvents, CallEventStripes::droppedCount)
                .description("Events of calls with media (DTMF, playback ends, timers) dropped: their stripe was full")
                .register(registry);
    }
}
