package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MediaConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(MediaConfiguration.class);

    @Test
    void bindsTandemMediaPropertiesAsApplicationYmlWritesThem() {
        context.withPropertyValues(
                        "tandem.media.rtp-port-min=30001",
                        "tandem.media.rtp-port-max=30100",
                        "tandem.media.bind-address=127.0.0.1",
                        "tandem.media.advertised-address=",
                        "tandem.media.rtp-timeout=45s",
                        "tandem.media.recording-dir=")
                .run(ctx -> {
                    MediaProperties p = ctx.getBean(MediaProperties.class);
                    assertThat(p.rtpPortMin()).isEqualTo(30002); // RTP ports are even
                    assertThat(p.rtpPortMax()).isEqualTo(30100);
                    assertThat(p.advertisedAddress()).isEqualTo("127.0.0.1");
                    assertThat(p.rtpTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(p.recordingDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
                    assertThat(ctx.getBean(MediaEngine.class).openSessions()).isZero();
                });
    }

    @Test
    void defaults() {
        context.run(ctx -> {
            MediaProperties p = ctx.getBean(MediaProperties.class);
            assertThat(p.rtpPortMin()).isEqualTo(10000);
            assertThat(p.rtpPortMax()).isEqualTo(20000);
            assertThat(p.bindAddress()).isEqualTo("0.0.0.0");
            assertThat(p.rtpTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aRangeWithoutAPairIsRefusedAtStartup() {
        context.withPropertyValues("tandem.media.rtp-port-min=30000", "tandem.media.rtp-port-max=30000")
                .run(
                        ctx -> assertThat(ctx)
                                .hasFailed()
                                .getFailure()
                                .hasRootCauseMessage(
                                        "tandem.media.rtp-port-min/max must give at least one even/odd pair within 1024-65535 (got 30000-30000)"));
    }
}
