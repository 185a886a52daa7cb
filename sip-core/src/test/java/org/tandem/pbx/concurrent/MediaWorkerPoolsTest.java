package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tandem.media.MediaConfiguration;
import org.tandem.media.MediaEngine;
import org.tandem.media.relay.MediaRelay;

/**
 * The media module's pools (media clock and IO, the relay's recorder and DTLS handshakes) are made by the
 * application's {@link Workers}: published as {@code executor_*{name=...}} with a {@code tandem_worker_rejected_total}
 * counter, and their refusals reach the {@code workers} health.
 */
class MediaWorkerPoolsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void mediaAndRelayPoolsAreWorkersPools() {
        new ApplicationContextRunner()
                .withUserConfiguration(MediaConfiguration.class)
                .withBean(MeterRegistry.class, () -> registry)
                .withBean(Workers.class, () -> new Workers(registry))
                .withPropertyValues("tandem.media.bind-address=127.0.0.1")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(MediaEngine.class).hasSingleBean(MediaRelay.class);
                    for (String pool : new String[] {
                        "tandem-media-clock", "tandem-media-io", "tandem-relay-recorder", "tandem-relay-dtls"
                    }) {
                        assertThat(registry.find("executor.queued")
                                        .tag("name", pool)
                                        .gauge())
                                .as(pool)
                                .isNotNull();
                        assertThat(registry.find("tandem.worker.rejected")
                                        .tag("pool", pool)
                                        .counter())
                                .as(pool)
                                .isNotNull()
                                .satisfies(c -> assertThat(c.count()).isZero());
                    }
                    assertThat(ctx.getBean(Workers.class).totalRejected()).isZero();
                });
    }

    @Test
    void withoutWorkersMediaMakesItsOwnNamedPools() {
        new ApplicationContextRunner()
                .withUserConfiguration(MediaConfiguration.class)
                .withPropertyValues("tandem.media.bind-address=127.0.0.1")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(MediaEngine.class));
    }
}
