package org.tandem.appliance.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.tandem.operations.network.FirewallState.Opening;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * The firewall opens HTTPS and TFTP where they are served (issue 21, item 9): from the same properties, defaults and
 * fallback as the connector and the TFTP server, not from the raw keys.
 */
class HttpsServicePortsTest {

    private final HttpsConfiguration configuration = new HttpsConfiguration();

    @Test
    void anUnsetHttpsPortIsOpenedAtItsDefaultAndTftpOnlyWhenOn() {
        MockEnvironment config = new MockEnvironment();

        assertThat(openings(config))
                .as("HTTPS listens on 8443 by default; TFTP is off by default")
                .containsExactly(new Opening("https", "tcp", "8443"));
    }

    @Test
    void theFormerProvisioningHttpsPortIsOpenedWhereHttpsListens() {
        MockEnvironment config = new MockEnvironment()
                .withProperty("tandem.https-port", "8443")
                .withProperty("tandem.provisioning.https-port", "9443")
                .withProperty("tandem.provisioning.tftp-port", "69");

        assertThat(openings(config))
                .containsExactly(new Opening("https", "tcp", "9443"), new Opening("tftp", "udp", "69"));
    }

    @Test
    void servicesTurnedOffAreNotOpened() {
        MockEnvironment config = new MockEnvironment()
                .withProperty("tandem.https-port", "0")
                .withProperty("tandem.provisioning.tftp-port", "0");

        assertThat(openings(config)).isEmpty();
    }

    private List<Opening> openings(MockEnvironment config) {
        Binder binder = Binder.get(config);
        HttpsProperties https = binder.bindOrCreate("tandem", HttpsProperties.class);
        ProvisioningProperties provisioning = binder.bindOrCreate("tandem.provisioning", ProvisioningProperties.class);
        return Stream.concat(
                        configuration.httpsServicePorts(https, provisioning).openings().stream(),
                        configuration.tftpServicePorts(provisioning).openings().stream())
                .toList();
    }
}
