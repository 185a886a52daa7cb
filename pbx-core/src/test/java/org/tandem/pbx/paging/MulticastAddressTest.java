package org.tandem.pbx.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A multicast paging address: IPv4 multicast (not the local control block), an even port from 1024 to 65534. */
class MulticastAddressTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "224.0.1.75:5000|224.0.1.75|5000",
                " 239.255.255.255:65534 |239.255.255.255|65534",
                "224.0.1.0:1024|224.0.1.0|1024",
                "239.001.002.003:5002|239.1.2.3|5002"
            })
    void goodAddressesAreKeptAsThePhonesWriteThem(String text, String group, int port) {
        MulticastAddress a = MulticastAddress.parse(text);
        assertThat(a.group()).isEqualTo(group);
        assertThat(a.port()).isEqualTo(port);
        assertThat(a.toString()).isEqualTo(group + ":" + port);
        assertThat(a.socketAddress().getAddress().isMulticastAddress()).isTrue();
        assertThat(a.socketAddress().getAddress().getHostAddress()).isEqualTo(group);
        assertThat(a.socketAddress().getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "223.255.255.255:5000|multicast range 224.0.0.0 to 239.255.255.255",
                "240.0.0.0:5000|multicast range 224.0.0.0 to 239.255.255.255",
                "10.0.0.1:5000|multicast range",
                "224.0.0.251:5000|reserved for routing protocols",
                "224.0.1.256:5000|not an IPv4 address",
                "224.0.1.75:5001|port must be even",
                "224.0.1.75:1022|from 1024 to 65534",
                "224.0.1.75:65536|from 1024 to 65534",
                "224.0.1.75:0|from 1024 to 65534",
                "224.0.1.75|an IPv4 multicast address and a port",
                "224.0.1.75:|an IPv4 multicast address and a port",
                "paging.example:5000|an IPv4 multicast address and a port",
                "[ff02::1]:5000|an IPv4 multicast address and a port",
                "''|an IPv4 multicast address and a port"
            })
    void badAddressesSayWhatIsWrongAndGiveAnExample(String text, String message) {
        assertThatThrownBy(() -> MulticastAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("e.g. 224.0.1.75:5000");
    }
}
