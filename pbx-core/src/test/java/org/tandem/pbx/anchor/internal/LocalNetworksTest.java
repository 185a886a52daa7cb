package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The office networks that decide when the relay anchors a call in auto mode (issue 20): by default this host's own
 * subnets, else the admin's CIDRs; loopback is always local, a host name never (no DNS on a SIP thread).
 */
class LocalNetworksTest {

    @Test
    void byDefaultEveryAddressInASubnetOfThisHostIsLocalAndOthersAreNot() throws Exception {
        LocalNetworks local = LocalNetworks.of(List.of());
        List<InterfaceAddress> own = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                if (!a.getAddress().isLoopbackAddress()) own.add(a);
            }
        }
        for (InterfaceAddress a : own) {
            String address = a.getAddress().getHostAddress().replaceAll("%.*", "");
            assertThat(local.isLocal(address)).as("this host's own " + address).isTrue();
            if (a.getAddress().getAddress().length == 4 && a.getNetworkPrefixLength() <= 30) {
                byte[] neighbour = a.getAddress().getAddress();
                neighbour[3] ^= 1; // the next address in the same subnet: another phone on the LAN
                String n = (neighbour[0] & 0xff) + "." + (neighbour[1] & 0xff) + "." + (neighbour[2] & 0xff) + "."
                        + (neighbour[3] & 0xff);
                assertThat(local.isLocal(n))
                        .as("a neighbour of " + address + "/" + a.getNetworkPrefixLength())
                        .isTrue();
            }
        }
        // documentation ranges (RFC 5737, RFC 3849): no test machine has them on an interface
        assertThat(local.isLocal("203.0.113.7")).isFalse();
        assertThat(local.isLocal("2001:db8::7")).isFalse();
        assertThat(local.isLocal("127.0.0.1")).as("loopback").isTrue();
        assertThat(local.isLocal("[::1]")).isTrue();
        assertThat(local.isLocal("pbx.example.org"))
                .as("a name is never resolved")
                .isFalse();
        assertThat(local.isLocal("")).isFalse();
        assertThat(local.isLocal(null)).isFalse();
    }

    @Test
    void theAdminsNetworksReplaceTheDefault() {
        LocalNetworks local = LocalNetworks.of(List.of("192.168.1.0/24", "10.0.0.7", " fd00::/8 ", "172.16.0.0/12"));
        assertThat(local.isLocal("192.168.1.77")).isTrue();
        assertThat(local.isLocal("192.168.2.1")).isFalse();
        assertThat(local.isLocal("10.0.0.7")).isTrue();
        assertThat(local.isLocal("10.0.0.8")).as("a single host is a /32").isFalse();
        assertThat(local.isLocal("[fd12:3456::1]")).isTrue();
        assertThat(local.isLocal("fe80::1")).isFalse();
        assertThat(local.isLocal("172.31.255.254"))
                .as("the /12 boundary, inside")
                .isTrue();
        assertThat(local.isLocal("172.32.0.1")).as("just outside the /12").isFalse();
        assertThat(local.isLocal("203.0.113.7")).isFalse();
        assertThat(local.isLocal("127.0.0.1")).as("loopback stays local").isTrue();
    }

    @Test
    void aNetworkThatDoesNotParseIsRefusedByName() {
        for (String bad : List.of("192.168.1.0/33", "office-lan", "10.0.0.0/-1", "fd00::/129", "300.1.1.1/24")) {
            assertThatThrownBy(() -> LocalNetworks.of(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tandem.media.local-networks")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
