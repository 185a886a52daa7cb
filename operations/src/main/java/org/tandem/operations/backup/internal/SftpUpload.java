package org.tandem.operations.backup.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.tandem.pbx.validation.FieldError;

/**
 * Copies one archive to an SFTP server (Apache MINA SSHD client): log in with a password or a private key, write
 * {@code <name>.part} into the directory and rename it, so the server never holds a half archive under the final
 * name. The server's host key is trusted on first use: its fingerprint is returned, and a later upload to a server
 * with another key is refused. Every failure is an {@link IOException} whose message says in plain words what went
 * wrong and what to check. A new client per upload (one a day): nothing stays open between backups.
 */
public final class SftpUpload {

    /** Where to copy: {@code password} and/or {@code privateKey} (key file text) in clear; {@code hostKey} pinned or null. */
    public record Target(
            String host, int port, String user, String password, String privateKey, String directory, String hostKey) {

        String describe() {
            return "sftp://" + user + "@" + host + ":" + port + "/" + (directory == null ? "" : directory);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String UNREADABLE_KEY =
            "is not a readable private key (OpenSSH or PEM, without a passphrase): ";

    private SftpUpload() {}

    /** Uploads {@code file}; answers the server's host key fingerprint (SHA256:…). */
    public static String upload(Path file, Target t) throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        // only what the admin configured: no ~/.ssh/config, no ~/.ssh/id_* of the service account
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, address, key) -> {
            String fingerprint = KeyUtils.getFingerPrint(key);
            seen.set(fingerprint);
            return t.hostKey() == null || t.hostKey().equals(fingerprint);
        });
        client.start();
        String step = "connect to";
        try (ClientSession session = client.connect(t.user(), t.host(), t.port())
                .verify(TIMEOUT.toMillis())
                .getSession()) {
            if (t.password() != null) session.addPasswordIdentity(t.password());
            if (t.privateKey() != null) keys(t.privateKey()).forEach(session::addPublicKeyIdentity);
            step = "log in to";
            session.auth().verify(TIMEOUT.toMillis());
            step = "write to";
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String dir = t.directory() == null || t.directory().isBlank()
                        ? ""
                        : t.directory().replaceAll("/+$", "") + "/";
                String name = file.getFileName().toString();
                try (OutputStream out = sftp.write(dir + name + ".part")) {
                    Files.copy(file, out);
                }
                try {
                    sftp.rename(dir + name + ".part", dir + name);
                } catch (SftpException exists) { // SFTP v3 renames over nothing: a second run in the same second
                    sftp.remove(dir + name);
                    sftp.rename(dir + name + ".part", dir + name);
                }
            }
            return seen.get();
        } catch (IOException e) {
            throw new IOException(explain(step, t, seen.get(), e), e);
        } finally {
            client.stop();
        }
    }

    /**
     * Checks a key file's text when it is saved, so a bad key shows next to its field, not at 02:30.
     *
     * @return what is wrong with it ({@code backup.sftp-key-*}; the key library's own reason stays as it wrote it),
     *         or empty for a usable key
     */
    public static Optional<FieldError> privateKeyProblem(String text) {
        try {
            return keys(text).isEmpty() ? Optional.of(FieldError.of("backup.sftp-key-none")) : Optional.empty();
        } catch (IOException e) {
            String reason = e.getCause() == null
                    ? e.getMessage()
                    : String.valueOf(e.getCause().getMessage());
            return Optional.of(FieldError.of("backup.sftp-key-unreadable", reason));
        }
    }

    private static List<KeyPair> keys(String text) throws IOException {
        List<KeyPair> out = new ArrayList<>();
        try {
            Iterable<KeyPair> found = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("SFTP private key"),
                    new ByteArrayInputStream(text.strip().concat("\n").getBytes(StandardCharsets.UTF_8)),
                    null);
            if (found != null) found.forEach(out::add);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException(UNREADABLE_KEY + e.getMessage(), e);
        }
        return out;
    }

    private static String explain(String step, Target t, String seenKey, IOException e) {
        String where = t.host() + ":" + t.port();
        if (seenKey != null && t.hostKey() != null && !t.hostKey().equals(seenKey)) {
            return "the SFTP server " + where + " now shows another host key (" + seenKey + " instead of " + t.hostKey()
                    + "); if the server was reinstalled, save the schedule again to trust its new key";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof UnknownHostException) return "the SFTP host " + t.host() + " is unknown: check its name";
        if (root instanceof ConnectException) {
            return "the SFTP server " + where
                    + " refused the connection: check the host, the port and that the server runs";
        }
        if (root instanceof NoRouteToHostException) return "there is no route to the SFTP server " + where;
        if (root instanceof SocketTimeoutException
                || root instanceof InterruptedIOException
                || String.valueOf(e.getMessage()).contains("timeout")) {
            return "the SFTP server " + where + " did not answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (step.equals("log in to")) {
            return "the SFTP server " + where + " refused the login of " + t.user()
                    + ": check the user name, the password or the private key";
        }
        if (e instanceof SftpException sftp) {
            return "the SFTP server " + where + " refused to store the archive in '"
                    + (t.directory() == null ? "" : t.directory()) + "' (" + sftp.getMessage()
                    + "): check that the directory exists and the user may write there";
        }
        return "could not " + step + " the SFTP server " + where + ": " + e.getMessage();
    }
}
