package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.blackbox.FreePorts;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.blackbox.TandemApi;
import org.tandem.appliance.blackbox.TandemProcess;

/**
 * Issue 21: an appliance that starts before its network has an address (no DHCP answer yet, a static address set
 * later) names the address the host has at the time of each request, without a restart. The jar runs in a network
 * namespace whose only interface besides loopback has no address (the test reaches its HTTP API through a forwarder
 * into that namespace's loopback); the test then gives the interface an address and a default route, later moves it
 * to another network, and a SIPp phone in a second namespace registers to the new address and calls a voicemail box:
 * the 200's Contact and Record-Route (RFC 3261 §8.1.1.8, §16.6 step 4) and its SDP's c= line (RFC 4566 §5.7) must
 * name the new address and never 127.0.0.1 or the old one.
 */
class HostAddressChangeIT {

    private static final String DOMAIN = "office.tandem.test";
    private static final String PASSWORD = "Address-secret-1";
    private static final Pattern CONTACT =
            Pattern.compile("^Contact:\\s*(?:\"[^\"]*\"\\s*)?<sips?:(?:[^@>]*@)?([^:;>]+)", Pattern.MULTILINE);
    private static final Pattern RECORD_ROUTE =
            Pattern.compile("^Record-Route:\\s*<sips?:(?:[^@>]*@)?([^:;>]+)", Pattern.MULTILINE);
    private static final Pattern CONNECTION = Pattern.compile("^c=IN IP4 (\\S+)", Pattern.MULTILINE);
    private static final Pattern ORIGIN = Pattern.compile("^o=\\S+ \\S+ \\S+ IN IP4 (\\S+)", Pattern.MULTILINE);

    private static final List<String> namespaces = new ArrayList<>();
    private static String appNs;
    private static String phoneNs;
    private static Process forwarder;
    private static TandemProcess tandem;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        work = Path.of("target", "blackbox", HostAddressChangeIT.class.getSimpleName())
                .toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        String prefix = "tnd" + ProcessHandle.current().pid(); // NatLab removes these when a crashed run left them
        appNs = prefix + "-ha";
        phoneNs = prefix + "-hp";
        try {
            for (String ns : List.of(appNs, phoneNs)) {
                NatLab.run("ip", "netns", "add", ns);
                namespaces.add(ns);
                NatLab.run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            // the appliance's LAN: up, but no address (no DHCP server answered)
            NatLab.run(
                    "ip", "link", "add", "lan", "netns", appNs, "type", "veth", "peer", "name", "eth0", "netns",
                    phoneNs);
            NatLab.run("ip", "-n", appNs, "link", "set", "lan", "up");
            NatLab.run("ip", "-n", phoneNs, "link", "set", "eth0", "up");
            NatLab.run("ip", "-n", phoneNs, "addr", "add", "10.77.0.2/24", "dev", "eth0");

            int httpPort = FreePorts.udpAndTcp();
            forwarder = new ProcessBuilder(
                            "socat",
                            "TCP-LISTEN:" + httpPort + ",bind=127.0.0.1,reuseaddr,fork",
                            "EXEC:ip netns exec " + appNs + " socat STDIO TCP\\:127.0.0.1\\:8080")
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("socat.log").toFile())
                    .start();
            tandem = TandemProcess.inNamespace(work, appNs, "127.0.0.1", DOMAIN, List.of())
                    .reachedAt("127.0.0.1", httpPort);
            tandem.start();
            TandemApi api = new TandemApi(tandem);
            api.createUser("401", "Caller", PASSWORD);
            api.createUser("402", "Callee", PASSWORD); // not registered: its voicemail answers at once
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (tandem != null) tandem.close();
        } finally {
            if (forwarder != null) forwarder.destroyForcibly();
            for (int i = namespaces.size() - 1; i >= 0; i--) {
                NatLab.run("ip", "netns", "del", namespaces.get(i)); // removes the veth pair too
            }
            namespaces.clear();
        }
    }

    @Test
    void followsTheAddressTheNetworkGivesLaterAndItsChange() {
        // before: nothing but loopback to name (what the issue saw), on a call placed from inside the namespace
        assertNames(call(appNs, "127.0.0.1", "127.0.0.1"), "127.0.0.1");

        // the network appears (DHCP answers late, or an admin sets the address): no restart
        NatLab.run("ip", "-n", appNs, "addr", "add", "10.77.0.1/24", "dev", "lan");
        NatLab.run("ip", "-n", appNs, "route", "add", "default", "via", "10.77.0.2");
        registerAndCall("10.77.0.1", "10.77.0.2");

        // and moves to another network
        NatLab.run("ip", "-n", phoneNs, "addr", "add", "10.78.0.2/24", "dev", "eth0");
        NatLab.run("ip", "-n", appNs, "addr", "del", "10.77.0.1/24", "dev", "lan");
        NatLab.run("ip", "-n", appNs, "addr", "add", "10.78.0.1/24", "dev", "lan");
        NatLab.run("ip", "-n", appNs, "route", "add", "default", "via", "10.78.0.2");
        String messages = registerAndCall("10.78.0.1", "10.78.0.2");
        assertThat(messages).doesNotContain("10.77.0.1");
    }

    /** The phone registers to {@code appliance} (retried until the watcher saw the address), then calls 402. */
    private static String registerAndCall(String appliance, String phone) {
        Awaitility.await("REGISTER to " + appliance + " accepted")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Sipp.scenario("register", "uac.xml")
                        .namespace(phoneNs)
                        .localIp(phone)
                        .against(appliance + ":5060", DOMAIN, work.resolve("sipp"))
                        .service("401")
                        .credentials("401", PASSWORD)
                        .key("expires", "600")
                        .key("user_agent", "SIPp")
                        .timeout(Duration.ofSeconds(4))
                        .run()
                        .succeeded());
        String messages = call(phoneNs, phone, appliance);
        assertNames(messages, appliance);
        return messages;
    }

    private static String call(String ns, String phone, String appliance) {
        return Sipp.scenario("host-address", "uac.xml")
                .namespace(ns)
                .localIp(phone)
                .against(appliance + ":5060", DOMAIN, work.resolve("sipp"))
                .service("401")
                .credentials("401", PASSWORD)
                .key("callee", "402")
                .timeout(Duration.ofSeconds(15))
                .runAndAssertSuccess()
                .messages();
    }

    /** The 200 to the INVITE names {@code address} in its Contact, Record-Route (if any), o= and c= lines. */
    private static void assertNames(String messages, String address) {
        String ok = answer(messages);
        assertThat(all(CONTACT, ok))
                .as("Contact of the 200 to INVITE:\n" + ok)
                .containsOnly(address)
                .isNotEmpty();
        assertThat(all(RECORD_ROUTE, ok))
                .as("Record-Route of the 200 to INVITE, if any")
                .allMatch(address::equals);
        assertThat(all(CONNECTION, ok))
                .as("c= of the answer")
                .containsOnly(address)
                .isNotEmpty();
        assertThat(all(ORIGIN, ok))
                .as("o= of the answer (RFC 4566 §5.2)")
                .containsOnly(address)
                .isNotEmpty();
        if (!"127.0.0.1".equals(address)) assertThat(ok).doesNotContain("127.0.0.1");
    }

    /** The received 200 OK to the authenticated INVITE. */
    private static String answer(String log) {
        for (String block : log.split("-{20,}[^\\n]*\\n")) {
            if (block.contains("message received")
                    && block.contains("SIP/2.0 200")
                    && block.contains("INVITE")
                    && block.contains("\nv=0")) {
                return block;
            }
        }
        throw new AssertionError("no 200 with SDP to the INVITE in:\n" + log);
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
