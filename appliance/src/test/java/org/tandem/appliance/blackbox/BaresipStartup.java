package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Starting a {@link Baresip}: its ports, waiting until it is ready (or saw a port taken), reaching its ctrl_tcp, and
 * its log for the messages of a start that failed.
 */
final class BaresipStartup {

    private BaresipStartup() {}

    static void awaitListening(String ns, int port, Process p, Path dir) throws IOException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) throw new IllegalStateException("baresip exited (" + p.exitValue() + "): " + log(dir));
            Process ss = new ProcessBuilder("ip", "netns", "exec", ns, "ss", "-Hltn", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (out.contains(":" + port)) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("baresip's ctrl_tcp did not listen in " + ns + ": " + log(dir));
    }

    /** baresip also opens a TLS listener on sip port + 1, so both must be free. */
    static int sipPortWithFreeNeighbour() {
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.udpAndTcp();
            try (java.net.ServerSocket next = new java.net.ServerSocket()) {
                next.bind(new InetSocketAddress("127.0.0.1", port + 1));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two neighbouring free ports");
    }

    /**
     * Waits until baresip printed that it is ready; false when it could not bind a port (it logs "Address already
     * in use" and goes on without that module, or exits).
     */
    static boolean awaitReady(Process p, Path dir) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            String log = log(dir);
            if (log.contains("Address already in use")) return false;
            if (log.contains("baresip is ready")) return true;
            if (!p.isAlive()) throw new IllegalStateException("baresip exited (" + p.exitValue() + "): " + log);
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IOException("baresip was not ready within 15 s: " + log(dir));
    }

    /**
     * Stops a start attempt that is not used. It may have registered already (baresip goes on without a module whose
     * port was taken), so it is asked to stop first: on SIGTERM baresip un-REGISTERs its account (Expires 0, RFC 3261
     * §10.2.2) before it exits, and the retry's phone is then the AOR's only binding. Killed only if it hangs.
     */
    static void discard(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    static Socket connect(int ctrlPort, Process p, Path dir) throws IOException {
        Instant deadline = Instant.now().plusSeconds(15);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("baresip exited (" + p.exitValue() + "): " + log(dir));
            }
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", ctrlPort), 500);
                return s;
            } catch (IOException e) {
                last = e;
                try {
                    p.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IOException("baresip's ctrl_tcp did not open 127.0.0.1:" + ctrlPort + ": " + log(dir), last);
    }

    static String log(Path dir) {
        try {
            Path f = dir.resolve("baresip.log");
            if (!Files.exists(f)) return "(no log)";
            String s = Files.readString(f, StandardCharsets.ISO_8859_1);
            return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
