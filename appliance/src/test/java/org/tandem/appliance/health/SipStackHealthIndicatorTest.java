package org.tandem.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTransports;

class SipStackHealthIndicatorTest {

    @Test
    void downWhileTheSipStackIsNotRunning() {
        SipProperties props = new SipProperties("127.0.0.1", "", 5060, 0, null, null, 0, 0, 0, null, null);
        SipTransports notStarted = new SipTransports(props, null, null);

        var health = new SipStackHealthIndicator(notStarted).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reason").toString()).contains("not running");
    }
}
