package org.tandem.pbx.ua;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tandem.media.MediaEngine;

/** The media engine's figures for the metrics endpoint: calls with media here, and those being recorded. */
class MediaMetrics implements MeterBinder {

    private final MediaEngine engine;

    MediaMetrics(MediaEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.media.sessions", engine, MediaEngine::openSessions)
                .description("Media sessions open (voicemail, IVR, conference, park, music on hold)").register(registry);
        Gauge.builder("tandem.media.recordings", engine, MediaEngine::recordingsInProgress)
                .description("Voicemail messages and greetings being recorded (in memory until they end)")
                .register(registry);
    }
}
