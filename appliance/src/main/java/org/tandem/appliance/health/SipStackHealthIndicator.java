package org.tandem.appliance.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tandem.pbx.sip.SipTransports;

/**
 * {@code sipStack}: UP only while the JAIN-SIP stack is listening. An appliance whose web server answers
 * but whose phones cannot register is not healthy.
 */
@Component
public class SipStackHealthIndicator implements HealthIndicator {

    private final SipTransports transports;

    public SipStackHealthIndicator(SipTransports transports) {
        this.transports = transports;
    }

    @Override
    public Health health() {
        if (!transports.isRunning()) {
            return Health.down()
                    .withDetail(
                            "reason",
                            "the SIP stack is not running; see the log for why it " + "stopped or failed to start")
                    .build();
        }
        StringBuilder listening = new StringBuilder();
        for (String t : new String[] {"udp", "tcp", "tls"}) {
            if (transports.hasTransport(t)) {
                if (!listening.isEmpty()) listening.append(", ");
                listening.append(t).append(' ').append(transports.port(t));
            }
        }
        return Health.up()
                .withDetail("bindAddress", transports.properties().bindAddress())
                .withDetail("advertised", transports.advertisedHost())
                .withDetail("listening", listening.toString())
                .build();
    }
}
