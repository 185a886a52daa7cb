package org.tandem.pbx.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WebServerPortTest {

    /**
     * Pins the effective default the former copies wrote themselves (8080 in the startup checks, the banner, the
     * WebSocket ports, xcap-diff's XCAP root and the firewall list): it is Spring Boot's, read from Spring Boot.
     */
    @Test
    void unsetItIsSpringBootsDefault() {
        assertThat(WebServerPort.configured(new MockEnvironment())).isEqualTo(8080);
        assertThat(WebServerPort.listening(new MockEnvironment())).isEqualTo(8080);
    }

    @Test
    void theConfiguredPortAndOnceListeningTheOneTaken() {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "0");
        assertThat(WebServerPort.configured(env))
                .as("a free port, picked at start")
                .isZero();
        assertThat(WebServerPort.listening(env)).as("not listening yet").isZero();

        env.setProperty("local.server.port", "41234");
        assertThat(WebServerPort.listening(env)).isEqualTo(41234);
        assertThat(WebServerPort.configured(env)).isZero();
        assertThat(WebServerPort.configured(new MockEnvironment().withProperty("server.port", "-1")))
                .as("no web server")
                .isEqualTo(-1);
    }
}
