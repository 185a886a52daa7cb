package org.tandem.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.media.MediaProperties;
import org.tandem.media.relay.RelayMode;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.srtp.SrtpProperties;
import org.tandem.media.stun.StunProperties;

class PropertyDefaultsTest {

    record Sample(
            @DefaultValue("30s") Duration timeout,
            @DefaultValue({"a", "b"}) List<String> names,
            @DefaultValue("always") RelayMode mode,
            @DefaultValue("/var/lib/x") Path file,
            @DefaultValue("7") int count,
            @DefaultValue List<String> none,
            String plain) {}

    @Test
    void convertsTheAnnotationAsTheBinderWould() {
        assertThat((Duration) PropertyDefaults.of(Sample.class, "timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat((List<String>) PropertyDefaults.of(Sample.class, "names")).containsExactly("a", "b");
        assertThat((RelayMode) PropertyDefaults.of(Sample.class, "mode")).isEqualTo(RelayMode.ALWAYS);
        assertThat((Path) PropertyDefaults.of(Sample.class, "file")).isEqualTo(Path.of("/var/lib/x"));
        assertThat((Integer) PropertyDefaults.of(Sample.class, "count")).isEqualTo(7);
        assertThat((List<String>) PropertyDefaults.of(Sample.class, "none")).isEmpty();
        Sample bound = new Binder(List.of()).bindOrCreate("x", Sample.class);
        assertThat(bound)
                .isEqualTo(new Sample(
                        Duration.ofSeconds(30),
                        List.of("a", "b"),
                        RelayMode.ALWAYS,
                        Path.of("/var/lib/x"),
                        7,
                        List.of(),
                        null));
    }

    @Test
    void aComponentWithoutDefaultIsAMistake() {
        assertThatThrownBy(() -> PropertyDefaults.of(Sample.class, "plain"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Sample.plain has no @DefaultValue");
    }

    /** A record built in code with nulls gets what the binder gives when nothing is set: the same defaults. */
    @Test
    void theMediaRecordsBuiltWithNullsEqualTheBoundDefaults() {
        Binder nothing = new Binder(List.of());
        assertThat(new MediaProperties(null, null, null, null, null, null))
                .isEqualTo(nothing.bindOrCreate("tandem.media", MediaProperties.class));
        assertThat(RelayProperties.defaults()).isEqualTo(nothing.bindOrCreate("tandem.media", RelayProperties.class));
        assertThat(new SrtpProperties(null)).isEqualTo(nothing.bindOrCreate("tandem.media", SrtpProperties.class));
        assertThat(new StunProperties(null, null, null, null))
                .isEqualTo(nothing.bindOrCreate("tandem.stun", StunProperties.class));
        assertThat(new StunProperties(null, null, null, null).port()).isEqualTo(3478);
    }
}
