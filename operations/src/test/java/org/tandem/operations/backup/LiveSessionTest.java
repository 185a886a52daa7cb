package org.tandem.operations.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live session is told from the kernel's command line, as the console's notice tells it. */
class LiveSessionTest {

    @Test
    void bootLiveWithoutInstallIsTheLiveSession() {
        assertThat(LiveSession.live("BOOT_IMAGE=/live/vmlinuz boot=live components quiet splash\n"))
                .isTrue();
        assertThat(LiveSession.live("boot=live tandem.install console=ttyS0"))
                .as("the installer")
                .isFalse();
        assertThat(LiveSession.live("boot=live tandem.install=/dev/sda"))
                .as("an unattended install")
                .isFalse();
        assertThat(LiveSession.live("BOOT_IMAGE=/vmlinuz root=UUID=1234 ro console=tty0"))
                .as("installed")
                .isFalse();
        assertThat(LiveSession.live("root=/dev/sda1 noboot=live")).isFalse();
        assertThat(LiveSession.live("")).isFalse();
    }

    @Test
    void readsTheCommandLineFileAndAMissingOneIsNoLiveSession(@TempDir Path dir) throws IOException {
        Path cmdline = Files.writeString(dir.resolve("cmdline"), "boot=live components\n");
        assertThat(new LiveSession(cmdline).live()).isTrue();
        assertThat(new LiveSession(dir.resolve("absent")).live()).isFalse();
    }
}
