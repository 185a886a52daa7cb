package org.tandem.appliance.natlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test's handle on a {@link TonePeer} running inside a NAT-lab namespace (or, {@link #local}, beside the
 * appliance on this host): the RTP side of a phone whose SIP is done by SIPp. Close it to stop the program.
 */
public final class PhoneAudio implements AutoCloseable {

    /**
     * What a peer heard since its last mark.
     * @param payloadBytes the distinct payload sizes of the packets (160: 20 ms of G.711)
     * @param events       RFC 4733 packets among it
     */
    public record Heard(
            int packets, List<String> senders, List<Integer> payloadBytes, Map<Double, Long> amplitudes, int events) {

        public long amplitude(double hz) {
            return amplitudes.getOrDefault(hz, 0L);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String name;
    private final int port;
    private volatile double tone;

    private PhoneAudio(String name, int port, double tone, Process process) {
        this.name = name;
        this.port = port;
        this.tone = tone;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts a tone peer bound to {@code ip:port} on this host (no namespace), sending {@code toneHz} once told where;
     * a multicast {@code ip} makes it a phone listening to a multicast page (on the loopback interface).
     */
    public static PhoneAudio local(String ip, int port, double toneHz) {
        try {
            return started(
                    ip + ":" + port,
                    port,
                    toneHz,
                    new ProcessBuilder(command(ip, port, toneHz, 0))
                            .redirectErrorStream(true)
                            .start());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("Cannot start a tone peer", e);
        }
    }

    /** Starts a tone peer bound to {@code ip:port} in namespace {@code ns}, sending {@code toneHz} once told where. */
    static PhoneAudio start(NatLab lab, String ns, String ip, int port, double toneHz) {
        return start(lab, ns, ip, port, toneHz, 0);
    }

    /** As above, its packets of RTP payload type {@code payloadType} (96: a video stream's), and only those heard. */
    static PhoneAudio start(NatLab lab, String ns, String ip, int port, double toneHz, int payloadType) {
        return started(
                ns + "/" + ip + ":" + port,
                port,
                toneHz,
                lab.exec(ns, command(ip, port, toneHz, payloadType).toArray(String[]::new)));
    }

    private static List<String> command(String ip, int port, double toneHz, int payloadType) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(
                java,
                "-Xss512k",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                classes(),
                TonePeer.class.getName(),
                ip,
                Integer.toString(port),
                Double.toString(toneHz),
                Integer.toString(payloadType));
    }

    private static PhoneAudio started(String name, int port, double toneHz, Process p) {
        PhoneAudio audio = new PhoneAudio(name, port, toneHz, p);
        String ready = audio.line();
        if (!"ready".equals(ready)) {
            audio.close();
            throw new IllegalStateException("tone peer " + audio.name + " did not start: " + ready);
        }
        return audio;
    }

    /** The RTP port it listens and sends on: the port the phone's SDP names. */
    public int port() {
        return port;
    }

    /** The frequency of the tone it sends, Hz. */
    double tone() {
        return tone;
    }

    /** Starts the tone towards {@code host:port} (the relay address and port this phone's SDP answer named). */
    public void sendTo(String host, int port) {
        expectOk(command("send " + host + " " + port));
    }

    /** Sends {@code digit} as RFC 4733 telephone events, the tone paused meanwhile. */
    void dtmf(char digit) {
        dtmf(String.valueOf(digit));
    }

    /** Sends {@code digits} one after the other as RFC 4733 telephone events, the tone paused meanwhile. */
    void dtmf(String digits) {
        expectOk(command("dtmf " + digits));
    }

    /** From now on sends {@code hz} instead (the same RTP stream). */
    void tone(double hz) {
        expectOk(command("tone " + hz));
        tone = hz;
    }

    /** Forgets what was heard so far. */
    public void mark() {
        expectOk(command("mark"));
    }

    /** What was heard since the last mark, with the amplitude of each of {@code frequencies}. */
    public Heard heard(double... frequencies) {
        StringBuilder cmd = new StringBuilder("report");
        for (double hz : frequencies) cmd.append(' ').append(hz);
        String line = command(cmd.toString());
        Map<Double, Long> amplitudes = new HashMap<>();
        int packets = 0;
        int events = 0;
        List<String> senders = new ArrayList<>();
        List<Integer> payloadBytes = new ArrayList<>();
        for (String word : line.split(" ")) {
            String[] kv = word.split("=", 2);
            if (kv.length < 2) throw new IllegalStateException("tone peer " + name + " reported: " + line);
            switch (kv[0]) {
                case "packets" -> packets = Integer.parseInt(kv[1]);
                case "events" -> events = Integer.parseInt(kv[1]);
                case "senders" -> senders.addAll(kv[1].isEmpty() ? List.of() : Arrays.asList(kv[1].split(",")));
                case "payloadBytes" -> {
                    if (!kv[1].isEmpty())
                        Arrays.stream(kv[1].split(",")).map(Integer::valueOf).forEach(payloadBytes::add);
                }
                default -> amplitudes.put(Double.parseDouble(kv[0]), Long.parseLong(kv[1]));
            }
        }
        return new Heard(packets, senders, payloadBytes, amplitudes, events);
    }

    /**
     * Waits until this peer hears {@code expected} clearly (25 packets since now, amplitude over 2000) and checks it
     * hears {@code own} hardly (no echo of itself); returns what it heard.
     */
    public Heard awaitHears(double expected, double own) {
        mark();
        Heard heard = org.awaitility.Awaitility.await(this + " hears " + expected + " Hz")
                .atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> heard(expected, own), h -> h.packets() >= 25 && h.amplitude(expected) > 2000);
        org.assertj.core.api.Assertions.assertThat(heard.amplitude(own))
                .as(this + " hears its own tone")
                .isLessThan(heard.amplitude(expected) / 10);
        return heard;
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private String command(String command) {
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("tone peer " + name + " is gone", e);
        }
        return line();
    }

    private String line() {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = read.get(15, TimeUnit.SECONDS);
            if (line == null) throw new IllegalStateException("tone peer " + name + " exited " + exitCode());
            return line;
        } catch (TimeoutException e) {
            throw new IllegalStateException("tone peer " + name + " did not answer in 15 s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("tone peer " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void expectOk(String line) {
        if (!"ok".equals(line)) throw new IllegalStateException("tone peer answered: " + line);
    }

    /** The test-classes directory holding {@link TonePeer}. */
    private static String classes() {
        try {
            return Path.of(TonePeer.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
