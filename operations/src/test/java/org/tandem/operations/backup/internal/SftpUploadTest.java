package org.tandem.operations.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP copy against a real SFTP server in this JVM (Apache MINA SSHD on 127.0.0.1, password login). */
@Timeout(60)
class SftpUploadTest {

    @TempDir
    Path root;

    @TempDir
    Path local;

    SshServer server;

    @BeforeEach
    void start() throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(local.resolve("hostkey")));
        server.setPasswordAuthenticator((user, password, session) -> "backup".equals(user) && "right".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        Files.createDirectories(root.resolve("in"));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(true);
    }

    @Test
    void theArchiveArrivesWithTheSameBytesUnderItsNameAndTheHostKeyIsPinned() throws IOException {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17]; // more than one SFTP write window
        new Random(7).nextBytes(bytes);
        Path archive = Files.write(local.resolve("tandem-backup-pbx-20261125-023000.zip"), bytes);
        String hostKey = SftpUpload.upload(archive, target("right", "in/", null));
        assertThat(root.resolve("in/tandem-backup-pbx-20261125-023000.zip")).hasBinaryContent(bytes);
        assertThat(root.resolve("in/tandem-backup-pbx-20261125-023000.zip.part"))
                .doesNotExist();
        assertThat(hostKey).startsWith("SHA256:");

        assertThat(SftpUpload.upload(archive, target("right", "in", hostKey))).isEqualTo(hostKey);
        assertThatThrownBy(() -> SftpUpload.upload(archive, target("right", "in", "SHA256:someOtherServer")))
                .hasMessageContaining("now shows another host key");
    }

    @Test
    void failuresSayWhatToCheck() throws IOException {
        Path archive = Files.writeString(local.resolve("tandem-backup-pbx-20261125-023000.zip"), "x");
        assertThatThrownBy(() -> SftpUpload.upload(archive, target("wrong", "in", null)))
                .hasMessage("the SFTP server 127.0.0.1:" + server.getPort()
                        + " refused the login of backup: check the user name, the password or the private key");
        assertThatThrownBy(() -> SftpUpload.upload(archive, target("right", "missing/dir", null)))
                .hasMessageContaining("refused to store the archive in 'missing/dir'");
        int port = server.getPort();
        server.stop(true);
        assertThatThrownBy(() -> SftpUpload.upload(
                        archive, new SftpUpload.Target("127.0.0.1", port, "backup", "right", null, "in", null)))
                .hasMessageContaining("refused the connection");
    }

    private SftpUpload.Target target(String password, String dir, String hostKey) {
        return new SftpUpload.Target("127.0.0.1", server.getPort(), "backup", password, null, dir, hostKey);
    }
}
