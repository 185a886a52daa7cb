package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ISO installer's boot-line settings, without building the ISO: {@code iso/cmdline-test.sh} reads the install
 * entry of the ISO's grub.cfg and the README's recipe through the installer's own functions, checks a static network
 * and a time zone (issue 21) and has {@code network-apply} write them into a temporary root. The installer itself
 * passes shellcheck.
 */
class IsoInstallerCommandLineIT {

    private static final Path ISO = Path.of("../iso").toAbsolutePath().normalize();

    @Test
    void theBootLineGivesDiskHostNetworkAndTimeZone() {
        Command result = Command.run(List.of("bash", ISO.resolve("cmdline-test.sh").toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok: tandem.timezone=Europe/Berlin becomes /etc/localtime and /etc/timezone",
                "ok: tandem.ip=192.168.1.20/24 becomes 10-tandem.network", "cmdline-test: all passed");
    }

    @Test
    void theInstallerAndTheTestPassShellcheck() {
        for (String script : List.of("overlay/usr/sbin/tandem-install", "cmdline-test.sh", "build.sh", "boot-test.sh")) {
            Path file = ISO.resolve(script);
            assertThat(file).exists();
            Command result = Command.run(List.of("shellcheck", file.toString()));
            assertThat(result.exitCode()).as(script + ":\n" + result.output()).isZero();
        }
        assertThat(Files.isExecutable(ISO.resolve("overlay/usr/sbin/tandem-install"))).isTrue();
    }
}
