package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built .deb as dpkg sees it: control fields, the files and their modes, the conffile, the systemd
 * unit's user and hardening, and every shell script in it clean under shellcheck.
 */
class DebPackageIT {

    @Test
    void controlFieldsNameTheRuntimeAndDatabaseDependencies() {
        String info = Command.run(List.of("dpkg-deb", "-I", BuiltPackage.deb().toString()))
                .assertOk()
                .output();
        assertThat(info)
                .contains("Package: tandem", "Architecture: all")
                .containsPattern("Version: \\d+\\.\\d+\\.\\d+(~SNAPSHOT)?\\n")
                .containsPattern("Depends: .*default-jre-headless \\(>= 2:1\\.17\\) \\| java17-runtime-headless")
                .containsPattern("Depends: .*mariadb-server")
                .contains("conffiles", "postinst", "prerm", "postrm");
        assertThat(BuiltPackage.deb().getFileName().toString()).isEqualTo("tandem_" + field("Version") + "_all.deb");
    }

    @Test
    void filesAreWhereTheUnitAndTheDocumentationSay() {
        String contents = Command.run(
                        List.of("dpkg-deb", "-c", BuiltPackage.deb().toString()))
                .assertOk()
                .output();
        assertThat(contents)
                .containsPattern("-rw-r--r-- root/root +\\d{7,} \\S+ \\S+ \\./usr/share/tandem/tandem\\.jar")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/tandem\\.service")
                .containsPattern("-rw-r--r-- root/root .* \\./etc/tandem/application\\.yml")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/lib/tandem/db-init")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/lib/tandem/console-banner")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/lib/tandem/start")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/lib/tandem/turn-setup")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/tandem-turn\\.service")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/lib/tandem/network-apply")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/tandem-network\\.path")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/tandem-network\\.service")
                .containsPattern("-rw-r--r-- root/root .* \\./usr/lib/sysctl\\.d/60-tandem\\.conf")
                .doesNotContain("database.properties", "/var/lib/tandem/");
    }

    @Test
    void configurationIsAConffileAndTheJarIsTheApplianceBuild(@TempDir Path root) throws IOException {
        BuiltPackage.unpackInto(root);
        assertThat(Files.readAllLines(root.resolve("DEBIAN/conffiles"))).containsExactly("/etc/tandem/application.yml");
        Path built = Path.of(System.getProperty("tandem.jar", "../appliance/target/tandem.jar"));
        assertThat(Files.mismatch(root.resolve("usr/share/tandem/tandem.jar"), built))
                .isEqualTo(-1L);
    }

    @Test
    void theUdpReceiveBufferCeilingIsRaisedToWhatTandemAsksFor(@TempDir Path root) throws IOException {
        BuiltPackage.unpackInto(root);
        // UdpReceiver asks for 4 MB; Debian's default ceiling (208 KB) dropped bursts at 750 calls/s (issue 23)
        assertThat(Files.readAllLines(root.resolve("usr/lib/sysctl.d/60-tandem.conf")))
                .contains("net.core.rmem_max = 4194304");
    }

    @Test
    void unitRunsAsItsOwnUserHardenedWithOnlyTheLowPortCapability(@TempDir Path root) throws IOException {
        BuiltPackage.unpackInto(root);
        List<String> unit = Files.readAllLines(root.resolve("lib/systemd/system/tandem.service"));
        assertThat(unit)
                .contains(
                        "User=tandem",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "PrivateTmp=yes",
                        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                        "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                        "ReadWritePaths=/var/lib/tandem",
                        "ExecStartPre=+/usr/lib/tandem/db-init",
                        "StandardOutput=journal",
                        // the start script's compilers leave the idle class for nice 0 (issue 23, session 61)
                        "LimitNICE=+0",
                        "WantedBy=multi-user.target");
        assertThat(String.join("\n", unit))
                .contains(
                        "--tandem.data-dir=/var/lib/tandem",
                        "--spring.config.import=optional:file:/etc/tandem/database.properties");
        // Every command the unit runs is in the package or in its dependencies.
        assertThat(root.resolve("usr/lib/tandem/db-init")).isExecutable();
        assertThat(root.resolve("usr/lib/tandem/console-banner")).isExecutable();
        assertThat(unit).contains("ExecStart=/usr/lib/tandem/start \\");
        assertThat(root.resolve("usr/lib/tandem/start")).isExecutable();
        // the web phone's TURN settings, when turn-setup made them (issue 16)
        assertThat(String.join("\n", unit)).contains("optional:file:/etc/tandem/turn.properties");
        List<String> turn = Files.readAllLines(root.resolve("lib/systemd/system/tandem-turn.service"));
        assertThat(turn)
                .contains(
                        "User=turnserver",
                        "ExecStart=/usr/lib/tandem/turn-setup --exec",
                        "ConditionPathExists=/usr/bin/turnserver",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict");
        // the network settings of the web UI (issue 21): Tandem only writes requests; a root oneshot applies them
        assertThat(String.join("\n", unit)).contains("--tandem.network.apply-dir=/var/lib/tandem/network");
        assertThat(Files.readAllLines(root.resolve("lib/systemd/system/tandem-network.path")))
                .contains(
                        "PathExists=/var/lib/tandem/network/request",
                        "Unit=tandem-network.service",
                        "PathExists=/var/lib/tandem/network/ssh",
                        "PathExists=/var/lib/tandem/network/report",
                        "PathExists=/var/lib/tandem/network/ports");
        assertThat(Files.readAllLines(root.resolve("lib/systemd/system/tandem-network.service")))
                .contains("Type=oneshot", "ExecStart=/usr/lib/tandem/network-apply spool");
    }

    @Test
    void maintainerAndHelperScriptsPassShellcheck(@TempDir Path root) {
        BuiltPackage.unpackInto(root);
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--severity=style"));
        for (String script : List.of(
                "DEBIAN/postinst",
                "DEBIAN/prerm",
                "DEBIAN/postrm",
                "usr/lib/tandem/db-init",
                "usr/lib/tandem/console-banner",
                "usr/lib/tandem/start",
                "usr/lib/tandem/network-apply")) {
            Path file = root.resolve(script);
            assertThat(file).as(script).isExecutable();
            cmd.add(file.toString());
        }
        Command result = Command.run(cmd);
        assertThat(result.exitCode())
                .as("shellcheck findings:\n" + result.output())
                .isZero();
    }

    private static String field(String name) {
        return Command.run(List.of("dpkg-deb", "-f", BuiltPackage.deb().toString(), name))
                .assertOk()
                .output()
                .trim();
    }
}
