package org.tandem.pbx.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.setup.SetupSettings;

/**
 * Issue 22 (Low): with STARTTLS chosen, a server that does not offer it (or an attacker in the path who strips it
 * from the EHLO answer, RFC 3207 §6) must get nothing in clear text: no AUTH, no MAIL FROM, no message. Before, the
 * client silently carried on without TLS. The server here is a minimal SMTP server that never offers STARTTLS and
 * records every command it is sent.
 */
class SmtpStartTlsTest {

    ServerSocket server;
    final List<String> commands = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> session;

    @BeforeEach
    void plainSmtpServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        session = CompletableFuture.runAsync(this::serveOne);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        session.get(15, TimeUnit.SECONDS);
    }

    @Test
    void startTlsRequiredButNotOfferedSendsNothing() {
        SetupSettings smtp = new SetupSettings(
                "tandem.test",
                "UTC",
                null,
                "127.0.0.1",
                server.getLocalPort(),
                "mailer",
                "mail-password",
                "pbx@tandem.test",
                true,
                false);

        SmtpOutcome outcome = new SmtpMail().sendTest(smtp, "alice@example.com");

        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.serverAnswer()).contains("does not offer STARTTLS").contains("nothing was sent");
        assertThat(commands)
                .noneMatch(c ->
                        c.startsWith("AUTH") || c.startsWith("MAIL") || c.startsWith("RCPT") || c.startsWith("DATA"));
    }

    @Test
    void withoutStartTlsThePlainServerIsUsedAsChosen() {
        SetupSettings smtp = new SetupSettings(
                "tandem.test",
                "UTC",
                null,
                "127.0.0.1",
                server.getLocalPort(),
                null,
                null,
                "pbx@tandem.test",
                false,
                false);

        SmtpOutcome outcome = new SmtpMail().sendTest(smtp, "alice@example.com");

        assertThat(outcome.sent()).as(outcome.serverAnswer()).isTrue();
        assertThat(commands).anyMatch(c -> c.startsWith("MAIL FROM"));
    }

    /** EHLO without STARTTLS (and with AUTH PLAIN), then accepts whatever comes. */
    private void serveOne() {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            reply(out, "220 plain.test ESMTP");
            boolean data = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    continue;
                }
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-plain.test\r\n250 AUTH PLAIN LOGIN");
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 go ahead");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "AUTH" -> reply(out, "235 2.7.0 ok");
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // closed by the test or the client
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
