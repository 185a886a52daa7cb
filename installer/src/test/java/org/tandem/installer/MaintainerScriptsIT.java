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
 * Runs the package's own maintainer scripts the way dpkg does for a package in another root
 * ({@code DPKG_ROOT}, as {@code dpkg --root --force-script-chrootless} sets it), against a temporary
 * root holding the unpacked package. The system commands they call (adduser, getent, chown,
 * deb-systemd-helper, ...) are stand-ins that record their arguments, so the test sees what the scripts
 * ask of the system without changing this machine. Install, reinstall, upgrade, remove and purge:
 * data survives everything but purge.
 */
class MaintainerScriptsIT {

    @TempDir
    Path root;

    @TempDir
    Path stubs;

    Path calls;

    @BeforeEach
    void unpackAndStub() throws IOException {
        BuiltPackage.unpackInto(root);
        calls = stubs.resolve("calls.log");
        Files.createFile(calls);
        Path users = stubs.resolve("users");
        // getent finds the user only after adduser made it; every stand-in logs "name args".
        stub("getent", "grep -qx \"$2\" '" + users + "' 2>/dev/null");
        stub("adduser", "for a; do last=$a; done; echo \"$last\" >> '" + users + "'");
        stub("chown", "true");
        stub("deb-systemd-helper", "true");
        stub("deb-systemd-invoke", "true");
        stub("systemctl", "true");
        stub("mariadb", "exit 1");
    }

    @Test
    void installCreatesTheUserAndPrivateDirectoriesAndEnablesTheService() {
        maintainer("postinst", "configure", "").assertOk();

        assertThat(mode(root.resolve("var/lib/tandem"))).isEqualTo("rwxr-x---");
        // the network settings' spool (issue 21): the service's own, read by tandem-network.service
        assertThat(mode(root.resolve("var/lib/tandem/network"))).isEqualTo("rwxr-x---");
        assertThat(calls()).contains("chown tandem:tandem " + root.resolve("var/lib/tandem/network"));
        assertThat(mode(root.resolve("etc/tandem"))).isEqualTo("rwxr-x---");
        assertThat(calls())
                .contains(
                        "adduser --system --group --home /var/lib/tandem --no-create-home --shell /usr/sbin/nologin "
                                + "--gecos Tandem phone system tandem",
                        "chown tandem:tandem " + root.resolve("var/lib/tandem"),
                        "chown root:tandem " + root.resolve("etc/tandem"),
                        "deb-systemd-helper enable tandem.service");
        // Another root: no database, no service start on this machine.
        assertThat(calls()).noneMatch(c -> c.startsWith("mariadb") || c.startsWith("deb-systemd-invoke"));
    }

    @Test
    void configuringAgainIsHarmlessAndMakesNoSecondUser() {
        maintainer("postinst", "configure", "").assertOk();
        maintainer("postinst", "configure", "").assertOk();

        assertThat(calls().stream().filter(c -> c.startsWith("adduser"))).hasSize(1);
    }

    @Test
    void upgradeKeepsDataSettingsAndTheAdminsConfiguration() throws IOException {
        maintainer("postinst", "configure", "").assertOk();
        Map<Path, String> kept = installedData();

        maintainer("prerm", "upgrade", "0.2.0").assertOk();
        maintainer("postrm", "upgrade", "0.2.0").assertOk();
        maintainer("postinst", "configure", "0.1.0").assertOk();

        kept.forEach((file, content) -> assertThat(file).as("kept on upgrade").hasContent(content));
    }

    @Test
    void removeKeepsDataAndPurgeDeletesIt() throws IOException {
        maintainer("postinst", "configure", "").assertOk();
        Map<Path, String> kept = installedData();

        maintainer("prerm", "remove").assertOk();
        maintainer("postrm", "remove").assertOk();
        kept.forEach((file, content) -> assertThat(file).as("kept on remove").hasContent(content));
        assertThat(calls()).contains("deb-systemd-helper mask tandem.service");

        maintainer("postrm", "purge").assertOk();
        assertThat(root.resolve("var/lib/tandem")).doesNotExist();
        assertThat(root.resolve("etc/tandem/database.properties")).doesNotExist();
        assertThat(root.resolve("etc/issue.d/tandem.issue")).doesNotExist();
        // The conffile is dpkg's to delete on purge, after postrm.
        assertThat(root.resolve("etc/tandem/application.yml")).exists();
        assertThat(calls()).contains("deb-systemd-helper purge tandem.service");
    }

    @Test
    void unknownActionsFailLoudly() {
        assertThat(maintainer("postinst", "bogus").exitCode()).isEqualTo(1);
        assertThat(maintainer("postrm", "bogus").exitCode()).isEqualTo(1);
    }

    /** What a running appliance leaves behind: keys and data, the generated DB settings, an edited conffile. */
    private Map<Path, String> installedData() throws IOException {
        Map<Path, String> files = Map.of(
                root.resolve("var/lib/tandem/secret.key"),
                "appliance key",
                root.resolve("var/lib/tandem/voicemail/101/msg0001.wav"),
                "RIFF",
                root.resolve("etc/tandem/database.properties"),
                "# generated by tandem db-init\nspring.datasource.password=abc\n",
                root.resolve("etc/tandem/application.yml"),
                "tandem:\n  domain: pbx.example.com\n",
                root.resolve("etc/issue.d/tandem.issue"),
                "Tandem phone system\n");
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Files.createDirectories(e.getKey().getParent());
            Files.writeString(e.getKey(), e.getValue());
        }
        return files;
    }

    private Command maintainer(String script, String... args) {
        List<String> cmd = new java.util.ArrayList<>(
                List.of("sh", root.resolve("DEBIAN").resolve(script).toString()));
        cmd.addAll(List.of(args));
        return Command.run(
                cmd, Map.of("DPKG_ROOT", root.toString(), "PATH", stubs + ":" + System.getenv("PATH")), root);
    }

    private void stub(String name, String body) throws IOException {
        Path file = stubs.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho \"" + name + " $*\" >> '" + calls + "'\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> calls() {
        try {
            return Files.readAllLines(calls);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
