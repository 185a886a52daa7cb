package org.tandem.operations.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.host.HostAddress;
import org.tandem.operations.network.internal.NetworkSettingsCheck;
import org.tandem.pbx.validation.InvalidInputException;

class NetworkSetupTest {

    @TempDir
    Path dir;

    private static NetworkSettings staticAt(String address, int prefix, String gateway) {
        return new NetworkSettings("static", address, prefix, gateway, List.of(), "", List.of());
    }

    private NetworkSetup setup(Clock clock) {
        return new NetworkSetup(
                new NetworkProperties(dir, dir.resolve("status"), Duration.ofMinutes(2), null),
                HostAddress.detect(),
                clock);
    }

    @Test
    void aStaticAddressIsKeptOnlyWhenConfirmedFromItselfBeforeTheDeadline() {
        NetworkSetup setup = setup(Clock.systemUTC());
        setup.apply(staticAt("192.168.10.5", 24, "192.168.10.1"));
        assertThatThrownBy(() -> setup.confirm("192.168.10.4"))
                .isInstanceOf(NetworkChangeRefused.class)
                .hasMessageContaining("open the Network page at 192.168.10.5");
        assertThat(dir.resolve("confirm")).doesNotExist();

        NetworkState confirmed = setup.confirm("192.168.10.5");
        assertThat(dir.resolve("confirm")).exists();
        assertThat(confirmed.pendingAddress()).isNull();
    }

    @Test
    void afterTheDeadlineTheChangeNoLongerWaits() {
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
        NetworkSetup setup = new NetworkSetup(
                new NetworkProperties(dir, dir.resolve("status"), Duration.ofMinutes(2), null),
                HostAddress.detect(),
                new Clock() {
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    public Clock withZone(java.time.ZoneId z) {
                        return this;
                    }

                    public Instant instant() {
                        return clock[0].instant();
                    }
                });
        assertThat(setup.apply(staticAt("10.0.0.9", 8, "")).confirmBefore()).isEqualTo(t0.plusSeconds(120));
        clock[0] = Clock.fixed(t0.plusSeconds(121), ZoneOffset.UTC);
        assertThat(setup.now().pendingAddress()).isNull();
        assertThatThrownBy(() -> setup.confirm("10.0.0.9")).hasMessageContaining("rolled back already");
    }

    @Test
    void notInstalledFromTheDebTheOperatingSystemKeepsTheNetwork() {
        NetworkSetup setup = new NetworkSetup(
                new NetworkProperties(null, null, null, null), HostAddress.detect(), Clock.systemUTC());
        assertThat(setup.now().managed()).isFalse();
        assertThatThrownBy(() -> setup.apply(NetworkSettings.dhcp("")))
                .isInstanceOf(NetworkChangeRefused.class)
                .hasMessageContaining("managed by its operating system");
        // bad input is still named first
        assertThatThrownBy(() -> setup.apply(staticAt("10.0.0.255", 24, ""))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theRulesOfAStaticNetwork() {
        assertThat(NetworkSettingsCheck.errors(staticAt("192.168.1.20", 24, "192.168.1.1")))
                .isEmpty();
        assertThat(NetworkSettingsCheck.errors(staticAt("10.1.255.255", 16, "10.1.0.1")))
                .containsKey("address")
                .extractingByKey("address")
                .asString()
                .contains("broadcast address of 10.1.0.0/16");
        assertThat(NetworkSettingsCheck.errors(staticAt("192.168.1.20", 25, "192.168.1.200")))
                .extractingByKey("gateway")
                .asString()
                .contains("outside the appliance's network 192.168.1.0/25");
        assertThat(NetworkSettingsCheck.errors(staticAt("127.0.0.5", 8, "")))
                .extractingByKey("address")
                .asString()
                .contains("cannot be a LAN address");
        assertThat(NetworkSettingsCheck.errors(staticAt("192.168.1.20", 24, "192.168.1.20")))
                .extractingByKey("gateway")
                .asString()
                .contains("not the appliance's own address");
        assertThat(NetworkSettingsCheck.errors(new NetworkSettings(
                        "dhcp",
                        "",
                        null,
                        "",
                        List.of("2001:db8::1", "1.1.1.1"),
                        "pbx.office.example",
                        List.of("time.example", "192.168.1.1"))))
                .isEmpty();
    }

    @Test
    void theRequestNamesEverySettingForTheHelper() throws Exception {
        setup(Clock.systemUTC())
                .apply(new NetworkSettings(
                        "dhcp", "", null, "", List.of("1.1.1.1"), "pbx", List.of("a.example", "b.example")));
        assertThat(Files.readAllLines(dir.resolve("request")))
                .contains("mode=dhcp", "dns=1.1.1.1", "hostname=pbx", "ntp=a.example b.example", "confirm-seconds=0");
    }
}
