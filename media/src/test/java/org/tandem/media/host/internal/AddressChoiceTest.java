package org.tandem.media.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.media.host.HostAddress;
import org.tandem.media.host.internal.AddressChoice.Nic;

class AddressChoiceTest {

    private static final List<String> ROUTES = List.of(
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "mgmt\t00000000\t0101630A\t0003\t0\t0\t200\t00000000\t0\t0\t0",
            "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
            "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
            "down0\t00000000\t0101A8C0\t0002\t0\t0\t1\t00000000\t0\t0\t0");

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void theDefaultRouteWithTheLowestMetricThatIsUpNamesTheInterface() {
        assertThat(AddressChoice.defaultRouteInterface(ROUTES)).contains("eth0");
        assertThat(AddressChoice.defaultRouteInterface(List.of(ROUTES.get(0), ROUTES.get(3))))
                .isEmpty();
        assertThat(AddressChoice.defaultRouteInterface(List.of())).isEmpty();
    }

    @Test
    void theDefaultRouteInterfaceWinsOverAnEarlierInterface() throws Exception {
        List<Nic> nics = List.of(
                new Nic("lo", true, true, List.of(ip("127.0.0.1"))),
                new Nic("mgmt", true, false, List.of(ip("10.99.0.2"))),
                new Nic("eth0", true, false, List.of(ip("fe80::1"), ip("192.168.1.20"))));
        assertThat(AddressChoice.choose(Optional.of("eth0"), nics)).isEqualTo("192.168.1.20");
        assertThat(AddressChoice.choose(Optional.empty(), nics))
                .as("no default route: the first interface up")
                .isEqualTo("10.99.0.2");
    }

    @Test
    void withoutAnyUsableAddressItIsLoopbackNeverLinkLocal() throws Exception {
        List<Nic> nics = List.of(
                new Nic("lo", true, true, List.of(ip("127.0.0.1"))),
                new Nic("eth0", true, false, List.of(ip("169.254.7.7"), ip("fe80::1"))),
                new Nic("eth1", false, false, List.of(ip("192.168.5.5"))));
        assertThat(AddressChoice.choose(Optional.of("eth0"), nics)).isEqualTo("127.0.0.1");
    }

    @Test
    void aDefaultRouteOnAnInterfaceWithoutAddressFallsBackToAnotherOne() throws Exception {
        List<Nic> nics =
                List.of(new Nic("ppp0", true, false, List.of()), new Nic("eth0", true, false, List.of(ip("10.0.0.1"))));
        assertThat(AddressChoice.choose(Optional.of("ppp0"), nics)).isEqualTo("10.0.0.1");
    }

    @Test
    void aConfiguredAddressAlwaysWinsAndAChangeIsReportedOnce() {
        HostAddress host = new HostAddress("127.0.0.1");
        assertThat(host.or("203.0.113.10")).isEqualTo("203.0.113.10");
        assertThat(host.or("")).isEqualTo("127.0.0.1");
        assertThat(host.change("10.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(host.change("10.0.0.1")).isNull();
        assertThat(host.or(null)).isEqualTo("10.0.0.1");
    }
}
