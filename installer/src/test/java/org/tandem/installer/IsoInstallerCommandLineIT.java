package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ISO installer's boot-line settings and questions, without building the ISO: {@code iso/cmdline-test.sh} reads the
 * install entry of the ISO's grub.cfg and the README's recipe through the installer's own functions, checks a static
 * network and a time zone and has {@code network-apply} write them into a temporary root, checks keyboard, host name
 * and admin account (name, password, hash, SSH key), and answers the questions (plain prompts from a file, whiptail on
 * a pseudo-terminal) with wrong values that must be refused and asked again, and writes GRUB's keymap and the installed
 * grub.cfg's lines that load it under BIOS with a PS/2 keyboard (issue 21, items 3, 4, 6, 7, 8). The
 * installer and its library pass shellcheck.
 */
class IsoInstallerCommandLineIT {

    private static final Path ISO = Path.of("../iso").toAbsolutePath().normalize();

    @Test
    void theBootLineGivesDiskHostNetworkAndTimeZone() {
        Command result =
                Command.run(List.of("bash", ISO.resolve("cmdline-test.sh").toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains(
                        "ok: tandem.timezone=Europe/Berlin becomes /etc/localtime and /etc/timezone",
                        "ok: tandem.ip=192.168.1.20/24 becomes 10-tandem.network",
                        "ok: tandem.keyboard=de becomes /etc/default/keyboard",
                        "ok: tandem.keyboard=de becomes GRUB's /boot/grub/layouts/de.gkb (Z and Y swapped)",
                        "ok: the installed grub.cfg loads keymap de with at_keyboard alone under BIOS only",
                        "ok: GRUB's layout with a PS/2 keyboard alone; not with a USB keyboard too, nor with none",
                        "ok: the questions give de|/dev/nvme0n1|pbx2|",
                        "ok: whiptail on a terminal: refused bad_host! on a screen of its own, asked again, took pbx1",
                        "ok: SSH lets in tandem-admin only, never root",
                        "cmdline-test: all passed");
    }

    @Test
    void theInstallerAndTheTestPassShellcheck() {
        for (String script : List.of(
                "overlay/usr/sbin/tandem-install",
                "overlay/usr/lib/tandem-installer/settings.sh",
                "overlay/usr/lib/tandem-installer/ui.sh",
                "overlay/usr/lib/tandem-installer/questions.sh",
                "overlay/usr/lib/tandem-installer/target.sh",
                "cmdline-test.sh",
                "build.sh",
                "boot-test.sh")) {
            Path file = ISO.resolve(script);
            assertThat(file).exists();
            // -x: the installer and the test source the library (their source= directives name it from SCRIPTDIR)
            Command result = Command.run(List.of("shellcheck", "-x", file.toString()));
            assertThat(result.exitCode()).as(script + ":\n" + result.output()).isZero();
        }
        assertThat(Files.isExecutable(ISO.resolve("overlay/usr/sbin/tandem-install")))
                .isTrue();
    }
}
