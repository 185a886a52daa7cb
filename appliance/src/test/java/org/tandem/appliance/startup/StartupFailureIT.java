package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tandem.appliance.TandemApplication;
import org.tandem.pbx.testsupport.FreePorts;

/** The appliance refuses to start, in one clear line, when a port is taken or the data dir is unusable. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIT {

    @TempDir
    Path tmp;

    private String[] args(Path dataDir, int sipPort, int tlsPort, int httpPort) {
        return new String[] {
            "--tandem.data-dir=" + dataDir,
            "--server.address=127.0.0.1",
            "--tandem.sip.bind-address=127.0.0.1",
            "--tandem.sip.port=" + sipPort,
            "--tandem.sip.tls-port=" + tlsPort,
            "--server.port=" + httpPort,
            "--tandem.https-port=0"
        };
    }

    private static void assertOneLine(CapturedOutput output, String... fragments) {
        List<String> lines = output.getAll()
                .lines()
                .filter(l -> l.contains("Tandem cannot start"))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(fragments);
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void aTakenSipPortIsOneLine(CapturedOutput output) throws Exception {
        int sip = FreePorts.udpAndTcp();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), sip))) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(TandemApplication.class)
                            .run(args(tmp.resolve("data"), sip, FreePorts.udpAndTcp(), FreePorts.udpAndTcp())))
                    .hasRootCauseInstanceOf(java.net.BindException.class);
        }
        assertOneLine(output, "SIP port " + sip + "/udp on 127.0.0.1 is already in use", "--tandem.sip.port=");
        assertThat(tmp.resolve("data/tandem.mv.db"))
                .as("failed before touching the database")
                .doesNotExist();
    }

    @Test
    void aTakenHttpPortIsOneLine(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int http = taken.getLocalPort();
            assertThatThrownBy(() -> new SpringApplicationBuilder(TandemApplication.class)
                            .run(args(tmp.resolve("data"), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), http)))
                    .isNotNull();
            assertOneLine(output, "HTTP port " + http + "/tcp on 127.0.0.1 is already in use", "--server.port=");
        }
    }

    @Test
    void aTooShortInitialAdminPasswordIsOneLine(CapturedOutput output) {
        String[] args = args(tmp.resolve("data"), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
        String[] withPassword = java.util.Arrays.copyOf(args, args.length + 1);
        withPassword[args.length] = "--tandem.admin.initial-password=short";

        assertThatThrownBy(() -> new SpringApplicationBuilder(TandemApplication.class).run(withPassword))
                .isNotNull();

        assertOneLine(output, "tandem.admin.initial-password must be at least 8 characters");
    }

    @Test
    void anUnwritableDataDirIsOneLine(CapturedOutput output) throws Exception {
        // a regular file where a directory should be: unwritable even for root
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        Path dataDir = file.resolve("data");

        assertThatThrownBy(() -> new SpringApplicationBuilder(TandemApplication.class)
                        .run(args(dataDir, FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp())))
                .isNotNull();

        assertOneLine(output, "The data directory " + dataDir + " is not writable", "--tandem.data-dir=");
    }
}
