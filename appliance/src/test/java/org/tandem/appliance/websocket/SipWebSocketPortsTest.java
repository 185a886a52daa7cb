package org.tandem.appliance.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.tandem.appliance.tls.HttpsProperties;
import org.tandem.pbx.sip.SipWebSocketPorts;
import org.tandem.provisioning.ProvisioningProperties;

/** The ports SIP over WebSocket is named with in Via and Record-Route: the web server's. */
class SipWebSocketPortsTest {

    @Test
    void plainOnTheHttpPortSecureOnTheHttpsPort() {
        MockEnvironment nothingSet = new MockEnvironment();
        assertThat(SipWebSocketConfiguration.sipWebSocketPorts(
                        nothingSet, new HttpsProperties(8443), ProvisioningProperties.defaults()))
                .as("server.port unset: Spring Boot's 8080")
                .isEqualTo(new SipWebSocketPorts(8080, 8443));

        MockEnvironment set = new MockEnvironment().withProperty("server.port", "8090");
        assertThat(SipWebSocketConfiguration.sipWebSocketPorts(
                        set, new HttpsProperties(0), ProvisioningProperties.defaults()))
                .isEqualTo(new SipWebSocketPorts(8090, 0));
        assertThat(SipWebSocketConfiguration.sipWebSocketPorts(
                        new MockEnvironment().withProperty("server.port", "-1"),
                        new HttpsProperties(0),
                        ProvisioningProperties.defaults()))
                .as("no web server")
                .isEqualTo(SipWebSocketPorts.NONE);
    }
}
