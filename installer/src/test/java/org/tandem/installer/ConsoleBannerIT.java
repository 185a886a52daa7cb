package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root {@code console-banner} helper (ExecStartPost=+) must never read or write through a path the service
 * user controls (issue 22 finding 11): it used to keep the one-time password in {@code /var/lib/tandem}, where the
 * service could plant a symlink to make root overwrite any file (or show any file on the console). journalctl,
 * curl and agetty are stand-ins; the script runs as this user, which plays root.
 */
class ConsoleBannerIT {

    static final Path SCRIPT = Path.of("src/deb/lib/console-banner").toAbsolutePath();
    static final String BANNER = "Tandem is running.\n  Admin URL: http://192.0.2.1:8080/\n  SIP: sip:192.0.2.1:5060\n"
            + "  Admin password: One-Time-42\n====\n";

    @TempDir
    Path dir;

    Path stubs;
    Path issue;

    @BeforeEach
    void stubs() throws IOException {
        stubs = Files.createDirectories(dir.resolve("stubs"));
        issue = dir.resolve("issue.d/tandem.issue");
        stub("agetty", "true");
        stub("curl", "echo '{\"mustChangePassword\":true}'");
        journal(BANNER);
    }

    @Test
    void withHttpsOnTheConsoleShowsTheHttpsAddressAnAdminCanReachFromAnotherMachine() throws IOException {
        // what StartupBanner prints with tandem.https-port on (the default): plain HTTP redirects the LAN to HTTPS
        journal(BANNER.replace(
                "  SIP:",
                "  HTTPS:          https://192.0.2.1:8443/ (UI, API and /prov/ from other" + " machines)\n  SIP:"));

        banner(dir.resolve("tandem-console")).assertOk();

        assertThat(issue)
                .content()
                .contains("Web UI / admin: https://192.0.2.1:8443/\n")
                .doesNotContain("8080")
                .contains("One-Time-42");
    }

    /**
     * Issue 21: started before DHCP answered, Tandem printed 127.0.0.1; it follows the machine's address since, and so
     * does the console: agetty's \\4 (the IPv4 address when the prompt is drawn) instead of the start-up address.
     */
    @Test
    void anAddressTandemFollowsIsTheMachinesAddressAtEachPrompt() throws IOException {
        journal(BANNER.replace("192.0.2.1", "127.0.0.1")
                .replace("  SIP:", "  Address:        follows this machine's (DHCP, or System > Network)\n  SIP:"));

        banner(dir.resolve("tandem-console")).assertOk();

        assertThat(issue)
                .content()
                .contains("Web UI / admin: http://\\4:8080/\n")
                .contains("SIP:            sip:\\4:5060\n")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void aFixedAddressStaysAsPrinted() throws IOException {
        banner(dir.resolve("tandem-console")).assertOk();

        assertThat(issue)
                .content()
                .contains("Web UI / admin: http://192.0.2.1:8080/\n")
                .doesNotContain("\\4");
    }

    @Test
    void aSymlinkedStateDirectoryIsNotFollowed() throws IOException {
        // the service user makes the state path a link to a place of its choosing (here: a victim file's directory)
        Path victimDir = Files.createDirectories(dir.resolve("victim"));
        Path victim =
                Files.writeString(victimDir.resolve("one-time-password"), "root:$y$precious:19000:0:99999:7:::\n");
        Path state = dir.resolve("tandem-console");
        Files.createSymbolicLink(state, victimDir);

        Command run = banner(state);

        run.assertOk();
        assertThat(victim).hasContent("root:$y$precious:19000:0:99999:7:::");
        assertThat(run.output()).contains("is not a plain directory");
        assertThat(issue).content().contains("http://192.0.2.1:8080/").contains("One-Time-42");
    }

    @Test
    void aSymlinkPlantedAsTheSavedPasswordIsReplacedNotWrittenThrough() throws IOException {
        Path state = Files.createDirectories(dir.resolve("tandem-console"));
        Path victim = Files.writeString(dir.resolve("shadow"), "precious\n");
        Files.createSymbolicLink(state.resolve("one-time-password"), victim);
        Files.createSymbolicLink(state.resolve("one-time-password.new"), victim);

        banner(state).assertOk();

        assertThat(victim).hasContent("precious");
        assertThat(state.resolve("one-time-password")).isRegularFile().hasContent("One-Time-42");
        assertThat(Files.isSymbolicLink(state.resolve("one-time-password"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
                .isEqualTo("rwx------");
    }

    @Test
    void theOneTimePasswordIsShownAgainAfterARebootFromTheStateDirectory() throws IOException {
        Path state = dir.resolve("tandem-console");
        banner(state).assertOk();
        journal(BANNER.replace("  Admin password: One-Time-42\n", ""));

        banner(state).assertOk();

        assertThat(issue).content().contains("One-Time-42");
    }

    @Test
    void aLinkInPlaceOfTheSavedPasswordIsNeverRead() throws IOException {
        Path state = Files.createDirectories(dir.resolve("tandem-console"));
        Files.createSymbolicLink(
                state.resolve("one-time-password"), Files.writeString(dir.resolve("secret"), "s3cr3t\n"));
        journal(BANNER.replace("  Admin password: One-Time-42\n", ""));

        banner(state).assertOk();

        assertThat(issue).content().doesNotContain("s3cr3t");
    }

    private Command banner(Path state) {
        return Command.run(
                List.of("sh", SCRIPT.toString()),
                Map.of(
                        "PATH",
                        stubs + ":" + System.getenv("PATH"),
                        "TANDEM_BANNER_WAIT",
                        "4",
                        "TANDEM_ISSUE",
                        issue.toString(),
                        "TANDEM_BANNER_STATE",
                        state.toString(),
                        "INVOCATION_ID",
                        "test"),
                dir);
    }

    private void journal(String text) throws IOException {
        Files.writeString(dir.resolve("journal.txt"), text);
        stub("journalctl", "cat '" + dir.resolve("journal.txt") + "'");
    }

    private void stub(String name, String body) throws IOException {
        Path file = stubs.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
