package org.tandem.appliance.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real softphone: Debian's baresip, headless. Its own config dir (no audio hardware: a 440 Hz sine
 * as microphone, the in-process aubridge as loudspeaker), bound to 127.0.0.1, driven through its
 * ctrl_tcp module (JSON in netstrings: commands in, responses and events out).
 */
public final class Baresip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TOKENS = new AtomicInteger();
    private static final Pattern TX_PACKETS = Pattern.compile("TX: packets=(\\d+)");
    private static final Pattern RX_PACKETS = Pattern.compile("rcvd=(\\d+)");

    private final String name;
    private final Path dir;
    private final int sipPort;
    private final int ctrlPort;
    private final Process process;
    private final Socket ctrl;
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<JsonNode> events = new ArrayList<>();

    /** The root-namespace end of the ctrl_tcp bridge of a baresip inside a network namespace (null: none). */
    private Process bridge;

    private Baresip(String name, Path dir, int sipPort, int ctrlPort, Process process, Socket ctrl) throws IOException {
        this.name = name;
        this.dir = dir;
        this.sipPort = sipPort;
        this.ctrlPort = ctrlPort;
        this.process = process;
        this.ctrl = ctrl;
        this.in = ctrl.getInputStream();
    }

    /**
     * Starts a baresip registered (digest) as {@code extension} at the appliance.
     *
     * @param transport udp or tcp: how it registers and calls
     */
    public static Baresip start(TandemProcess tandem, String extension, String password, String transport) {
        return start(tandem, extension, password, transport, tandem.sipPort(), "");
    }

    /**
     * As {@link #start(TandemProcess, String, String, String)}, registering at {@code port} (e.g. the SIP-TLS port with
     * transport tls) with extra account parameters (e.g. {@code ;mediaenc=srtp-mand}: SRTP with SDES keys, RFC 4568,
     * by baresip's srtp module, which is then loaded).
     */
    public static Baresip start(
            TandemProcess tandem, String extension, String password, String transport, int port, String accountParams) {
        return start(tandem, extension, password, transport, port, accountParams, "");
    }

    /**
     * As above with an address book ({@code contacts}, baresip's format, one per line): with
     * {@code ;presence=p2p} on a contact, or {@code ;pubint=N} in {@code accountParams}, baresip's presence module is
     * loaded: it SUBSCRIBEs to those contacts' presence (RFC 3856) and PUBLISHes its own every N s (RFC 3903).
     */
    public static Baresip start(
            TandemProcess tandem,
            String extension,
            String password,
            String transport,
            int port,
            String accountParams,
            String contacts) {
        String name = "baresip-" + extension;
        Path dir = tandem.workDir().resolve(name);
        // a port free when chosen can be taken before baresip binds it (other test JVMs, outgoing connections): then
        // its ctrl_tcp would not listen and we would talk to whoever holds the port; so start again on fresh ports
        for (int attempt = 1; ; attempt++) {
            Baresip phone = startOnce(tandem, extension, password, transport, port, accountParams, contacts, name, dir);
            if (phone != null) return phone;
            if (attempt == 3)
                throw new IllegalStateException(name + ": a port was taken three times: " + BaresipStartup.log(dir));
        }
    }

    /** One start on freshly chosen ports; null when baresip could not bind one of them (it was taken meanwhile). */
    private static Baresip startOnce(
            TandemProcess tandem,
            String extension,
            String password,
            String transport,
            int port,
            String accountParams,
            String contacts,
            String name,
            Path dir) {
        boolean presence = contacts.contains("presence=") || accountParams.contains("pubint=");
        int sipPort = BaresipStartup.sipPortWithFreeNeighbour();
        int ctrlPort = FreePorts.udpAndTcp();
        // two RTP/RTCP pairs: a transfer (REFER, RFC 3515) makes the new call while the old one still holds its ports
        int rtp = FreePorts.mediaBlock();
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("config"),
                    String.join(
                            "\n",
                            "poll_method\t\tpoll",
                            "sip_listen\t\t127.0.0.1:" + sipPort,
                            "net_interface\t\t127.0.0.1",
                            "call_local_timeout\t120",
                            // no sound card: sine as microphone (48 kHz stereo is what ausine makes), aubridge as
                            // speaker
                            "audio_source\t\tausine,440",
                            "ausrc_srate\t\t48000",
                            "ausrc_channels\t\t2",
                            "audio_player\t\taubridge," + name,
                            "audio_alert\t\taubridge," + name,
                            "rtp_ports\t\t" + rtp + "-" + (rtp + 3),
                            "snd_path\t\t"
                                    + dir, // what it hears, decoded: dump-*-dec.wav (sndfile), for frequency checks
                            "module_path\t\t/usr/lib/baresip/modules",
                            "module\t\t\tg711.so",
                            "module\t\t\tausine.so",
                            "module\t\t\taubridge.so",
                            "module\t\t\tsndfile.so",
                            accountParams.contains("mediaenc=srtp") ? "module\t\t\tsrtp.so" : "",
                            "module_app\t\taccount.so",
                            presence ? "module_app\t\tcontact.so" : "",
                            presence ? "module_app\t\tpresence.so" : "",
                            "module_app\t\tmenu.so",
                            "module_app\t\tctrl_tcp.so",
                            "ctrl_tcp_listen\t\t127.0.0.1:" + ctrlPort,
                            ""));
            // the AOR's host:port is the registrar; requests go there (no outbound proxy needed)
            Files.writeString(
                    dir.resolve("accounts"),
                    "<sip:" + extension + "@127.0.0.1:" + port
                            + ";transport=" + transport + ">;auth_pass=" + password + ";regint=600;answermode=manual"
                            + accountParams + "\n");
            Files.writeString(dir.resolve("contacts"), contacts);
            Process p = new ProcessBuilder("baresip", "-f", dir.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.log").toFile())
                    .start();
            if (!BaresipStartup.awaitReady(p, dir)) {
                BaresipStartup.discard(p);
                return null;
            }
            Socket s = BaresipStartup.connect(ctrlPort, p, dir);
            return new Baresip(name, dir, sipPort, ctrlPort, p, s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start baresip (Debian package baresip; scripts/test.sh installs it)", e);
        }
    }

    /**
     * Starts a baresip inside network namespace {@code ns} (a phone of the NAT lab), bound to {@code localIp},
     * registered (digest, MD5) as {@code extension} with the registrar at {@code registrar} (host:port). Its
     * microphone is a {@code toneHz} sine; what it hears is written (sndfile module) as {@code dump-*-dec.wav} in
     * {@link #dir()}. Its ctrl_tcp, on the namespace's loopback, is reached through a socat bridge from this
     * namespace's loopback.
     */
    public static Baresip startInNamespace(
            Path workDir,
            String ns,
            String localIp,
            String registrar,
            String extension,
            String password,
            String transport,
            int toneHz) {
        String name = "baresip-" + extension;
        Path dir = workDir.resolve(name);
        int sipPort = 5070;
        int nsCtrlPort = 4444;
        int bridgePort = FreePorts.udpAndTcp();
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("config"),
                    String.join(
                            "\n",
                            "poll_method\t\tpoll",
                            "sip_listen\t\t" + localIp + ":" + sipPort,
                            "net_interface\t\t" + localIp,
                            "call_local_timeout\t120",
                            "audio_source\t\tausine," + toneHz,
                            "ausrc_srate\t\t48000",
                            "ausrc_channels\t\t2",
                            "audio_player\t\taubridge," + name,
                            "audio_alert\t\taubridge," + name,
                            "rtp_ports\t\t42000-42019",
                            "snd_path\t\t" + dir,
                            "module_path\t\t/usr/lib/baresip/modules",
                            "module\t\t\tg711.so",
                            "module\t\t\tausine.so",
                            "module\t\t\taubridge.so",
                            "module\t\t\tsndfile.so",
                            "module_app\t\taccount.so",
                            "module_app\t\tmenu.so",
                            "module_app\t\tctrl_tcp.so",
                            "ctrl_tcp_listen\t\t127.0.0.1:" + nsCtrlPort,
                            ""));
            Files.writeString(
                    dir.resolve("accounts"),
                    "<sip:" + extension + "@" + registrar + ";transport=" + transport + ">;auth_pass=" + password
                            + ";regint=600;answermode=manual\n");
            Files.writeString(dir.resolve("contacts"), "");
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "baresip", "-f", dir.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("baresip.log").toFile())
                    .start();
            BaresipStartup.awaitListening(ns, nsCtrlPort, p, dir);
            // each connection to the bridge runs a socat inside the namespace, connected to ctrl_tcp there
            Process bridge = new ProcessBuilder(
                            "socat",
                            "TCP-LISTEN:" + bridgePort + ",bind=127.0.0.1,reuseaddr",
                            "EXEC:ip netns exec " + ns + " socat STDIO TCP\\:127.0.0.1\\:" + nsCtrlPort)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bridge.log").toFile())
                    .start();
            Baresip phone = new Baresip(name, dir, sipPort, bridgePort, p, BaresipStartup.connect(bridgePort, p, dir));
            phone.bridge = bridge;
            return phone;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start baresip (packages baresip, socat; scripts/test.sh installs them)", e);
        }
    }

    /** Its working directory (config, log, sndfile dumps). */
    public Path dir() {
        return dir;
    }

    /** Sends a command and returns its response's {@code data} text; fails unless ok. */
    public String command(String command, String params) {
        String token = "t" + TOKENS.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("command", command).put("token", token);
        if (params != null) msg.put("params", params);
        byte[] body = msg.toString().getBytes(StandardCharsets.UTF_8);
        try {
            ctrl.getOutputStream().write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            ctrl.getOutputStream().write(body);
            ctrl.getOutputStream().write(',');
            ctrl.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": ctrl_tcp write failed; log:\n" + BaresipStartup.log(dir), e);
        }
        JsonNode response = next(
                m -> m.path("response").asBoolean()
                        && token.equals(m.path("token").asText()),
                Duration.ofSeconds(10),
                "response to " + command);
        if (!response.path("ok").asBoolean()) {
            throw new AssertionError(name + ": '" + command + " " + params + "' failed: " + response);
        }
        return response.path("data").asText();
    }

    /** Waits for an event of {@code type} (REGISTER_OK, CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED...). */
    public JsonNode awaitEvent(String type, Duration max) {
        for (JsonNode e : events) {
            if (type.equals(e.path("type").asText())) {
                events.remove(e);
                return e;
            }
        }
        JsonNode e = next(
                m -> m.path("event").asBoolean() && type.equals(m.path("type").asText()), max, "event " + type);
        events.remove(e);
        return e;
    }

    /** RTP packets this phone sent and received in its current call, from its audio_debug report. */
    public RtpCounts rtp() {
        String report = command("audio_debug", null);
        return new RtpCounts(first(TX_PACKETS, report), first(RX_PACKETS, report), report);
    }

    public record RtpCounts(long sent, long received, String report) {}

    private static long first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private JsonNode next(Predicate<JsonNode> wanted, Duration max, String what) {
        Instant deadline = Instant.now().plus(max);
        byte[] buf = new byte[8192];
        while (true) {
            JsonNode m;
            while ((m = takeNetstring()) != null) {
                if (wanted.test(m)) return m;
                if (m.path("event").asBoolean()) events.add(m);
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError(name + ": no " + what + " within " + max.toSeconds() + " s; events so far: "
                        + events + "\nbaresip log:\n" + BaresipStartup.log(dir));
            }
            try {
                ctrl.setSoTimeout((int) left);
                int n = in.read(buf);
                if (n < 0) throw new AssertionError(name + ": ctrl_tcp closed; log:\n" + BaresipStartup.log(dir));
                pending.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // deadline check above
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One "len:json," netstring from the buffer, or null if incomplete. */
    private JsonNode takeNetstring() {
        byte[] b = pending.toByteArray();
        int colon = -1;
        for (int i = 0; i < b.length && i < 12; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) return null;
        int len = Integer.parseInt(new String(b, 0, colon, StandardCharsets.US_ASCII).trim());
        if (b.length < colon + 1 + len + 1) return null;
        String json = new String(b, colon + 1, len, StandardCharsets.UTF_8);
        pending.reset();
        pending.write(b, colon + 2 + len, b.length - (colon + 2 + len));
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("baresip sent bad JSON: " + json, e);
        }
    }

    public int sipPort() {
        return sipPort;
    }

    public String log() {
        return BaresipStartup.log(dir);
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    command("quit", null);
                } catch (RuntimeException | AssertionError ignored) {
                    // quitting anyway
                }
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ctrl.close();
            } catch (IOException ignored) {
                // closing
            }
            if (bridge != null) bridge.destroyForcibly();
        }
    }
}
