package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Linphone: Debian's linphonec (liblinphone, the engine of the Linphone apps), headless, given nothing but a
 * remote-provisioning address ({@code misc/config-uri}), as the apps are when they scan a QR code: liblinphone fetches
 * it at start, merges the XML into its configuration and registers with the account it got. Driven through stdin;
 * its configuration file, which it rewrites on exit, shows what it kept.
 */
public final class Linphonec implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private Linphonec(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts one in {@code dir} (its configuration, database and log go there) that provisions itself from {@code url}. */
    public static Linphonec provisionedFrom(String url, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("linphonerc"),
                    String.join(
                            "\n",
                            "[misc]",
                            "config-uri=" + url,
                            "[sip]",
                            "sip_port=-1", // random ports: no clash with the appliance or another peer
                            "sip_tcp_port=-1",
                            "sip_tls_port=0",
                            "[storage]",
                            // without a database it can open, liblinphone stops before the remote provisioning (5.1)
                            "uri=" + dir.resolve("linphone.db"),
                            ""));
            Process p = new ProcessBuilder(
                            "linphonec",
                            "-c",
                            dir.resolve("linphonerc").toString(),
                            "-d",
                            "5",
                            "-l",
                            dir.resolve("linphonec.log").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("linphonec.out").toFile())
                    .start();
            return new Linphonec(p, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start linphonec (Debian package linphone-cli; scripts/test.sh installs it)", e);
        }
    }

    /** Its configuration file as it is now (complete after {@link #close()}). */
    public String configuration() throws IOException {
        return Files.readString(dir.resolve("linphonerc"), StandardCharsets.UTF_8);
    }

    /** The end of its log, for failure messages. */
    public String logTail() {
        try {
            String log = Files.readString(dir.resolve("linphonec.log"), StandardCharsets.ISO_8859_1);
            return log.substring(Math.max(0, log.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Quits (it writes its configuration) and waits for it; killed if it hangs. */
    @Override
    public void close() {
        try {
            OutputStream in = process.getOutputStream();
            in.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            if (!process.waitFor(15, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
