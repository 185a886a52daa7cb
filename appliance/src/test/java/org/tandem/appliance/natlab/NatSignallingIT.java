package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi;
import org.tandem.appliance.blackbox.TandemProcess;

/**
 * Issue 20, signalling: phones behind symmetric NATs (real kernel NAT, {@link NatLab}) register and are
 * called, over UDP and over TCP. Phone A (behind NAT 1) registers and serves its calls on the socket or
 * connection its REGISTER used, as a real phone does; every request to it — the INVITE, the caller's ACK,
 * re-INVITE, INFO and BYE — only arrives if the appliance sends it back through that flow (RFC 3581,
 * RFC 5626 §5.3). Callers: phone C on the appliance's LAN, and phone B behind another NAT with the same private
 * address as A. Verdicts are SIPp exit codes and the REST API, never sleeps or logs.
 */
class NatSignallingIT {

    private static final String PASSWORD = "Nat-secret-1";
    private static final String DOMAIN = NatLab.PUBLIC_APPLIANCE;
    private static final String SIP = NatLab.PUBLIC_APPLIANCE + ":5060";
    /** The phones' own SIP port, the same for A and B (like two phones of one model at two homes). */
    private static final int PHONE_PORT = 5090;

    /** A Via the phone got back from the registrar: its sent Vias have a bare {@code ;rport}. */
    private static final Pattern RPORT = Pattern.compile("^Via: [^\\n]*;rport=(\\d+)", Pattern.MULTILINE);

    private static NatLab lab;
    private static TandemProcess tandem;
    private static TandemApi api;
    private static Path work;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_A =
            new java.util.concurrent.atomic.AtomicInteger(340);

    @BeforeAll
    static void start() throws IOException {
        work = Path.of("target", "blackbox", NatSignallingIT.class.getSimpleName())
                .toAbsolutePath();
        deleteTree(work); // a fresh data dir: the admin password is only set on a first start
        Files.createDirectories(work);
        lab = new NatLab();
        try {
            tandem = TandemProcess.inNamespace(
                    work,
                    lab.applianceNs(),
                    lab.managementAddress(),
                    DOMAIN,
                    List.of("--tandem.sip.advertised-address=" + NatLab.PUBLIC_APPLIANCE));
            tandem.start();
            api = new TandemApi(tandem);
            for (String ext : List.of("302", "303", "312", "313")) newUser(ext);
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
            if (lab != null) lab.close(); // every namespace goes, also after a failure
        }
    }

    private static void newUser(String extension) {
        api.createUser(extension, "Phone " + extension, PASSWORD);
        api.voicemailOff(extension); // what the phones answer is under test, not the voicemail box
    }

    /**
     * Phone A's extension, new for every test: a binding the previous test's phone A left behind (its SIPp is
     * killed, not unregistered) must not be mistaken for this one's.
     */
    private static String newPhoneA() {
        String extension = Integer.toString(NEXT_A.incrementAndGet());
        newUser(extension);
        return extension;
    }

    /** Callers per transport: B (NAT 2), C (LAN). */
    private static String b(Transport t) {
        return t == Transport.UDP ? "302" : "312";
    }

    private static String c(Transport t) {
        return t == Transport.UDP ? "303" : "313";
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatRegistersWithItsPublicFlow(Transport transport) {
        String a = newPhoneA();
        Sipp.Running phoneA = servingPhone(lab.phoneANs(), a, transport, "uas.xml");
        try {
            JsonNode binding = awaitRegistered(a, transport);
            assertThat(binding.get("sourceAddress").asText())
                    .as("NAT 1's public address")
                    .isEqualTo(NatLab.PUBLIC_NAT1);
            assertThat(binding.get("contact").asText()).contains(NatLab.PRIVATE_PHONE + ":" + PHONE_PORT);
            if (transport == Transport.UDP) {
                // the NAT's public port, as the registrar itself told the phone in rport (RFC 3581 §4), not the
                // private port its Via and Contact name
                assertThat(binding.get("sourcePort").asInt()).isEqualTo(rportSeenBy(phoneA));
            }
        } finally {
            phoneA.kill();
        }
    }

    /** The report: UDP, the INVITE never arrives; TCP, the ACK and BYE go to the private Contact. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void lanPhoneCallsPhoneBehindNat(Transport transport) {
        callAndAssert(lab.phoneCNs(), NatLab.PHONE_C, c(transport), transport, "uac.xml", "uas.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindOneNatCallsPhoneBehindAnotherWithTheSamePrivateAddress(Transport transport) {
        callAndAssert(lab.phoneBNs(), NatLab.PRIVATE_PHONE, b(transport), transport, "uac.xml", "uas.xml");
    }

    /** Requests from the NATed callee (INFO, BYE) reach a caller that is itself behind another NAT. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatHangsUpOnPhoneBehindAnotherNat(Transport transport) {
        callAndAssert(
                lab.phoneBNs(), NatLab.PRIVATE_PHONE, b(transport), transport, "uac-hung-up.xml", "uas-hangs-up.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatHangsUpOnLanPhone(Transport transport) {
        callAndAssert(lab.phoneCNs(), NatLab.PHONE_C, c(transport), transport, "uac-hung-up.xml", "uas-hangs-up.xml");
    }

    /** A registers and serves from behind NAT 1; {@code caller} calls it from {@code callerNs}. */
    private void callAndAssert(
            String callerNs, String callerIp, String caller, Transport transport, String uac, String uas) {
        String a = newPhoneA();
        Sipp.Running phoneA = servingPhone(lab.phoneANs(), a, transport, uas);
        try {
            awaitRegistered(a, transport);
            Sipp.scenario("nat-call", uac)
                    .namespace(callerNs)
                    .localIp(callerIp)
                    .against(SIP, DOMAIN, work.resolve("sipp"))
                    // a fresh port: jain-sip caches TCP connections by address:port, and a caller reconnecting from
                    // the address:port of the previous test's closed connection can have its new one closed
                    .transport(transport)
                    .service(caller)
                    .credentials(caller, PASSWORD)
                    .key("callee", a)
                    .timeout(Duration.ofSeconds(15))
                    .runAndAssertSuccess();
            // issue 20: the caller's private address never reaches the callee through its NAT: its SDP names the
            // appliance's media relay at the public address
            String received = received(phoneA.messages());
            assertThat(received)
                    .contains("c=IN IP4 " + NatLab.PUBLIC_APPLIANCE)
                    .doesNotContain("c=IN IP4 " + callerIp)
                    .doesNotContain("IN IP4 192.168.")
                    .doesNotContain("IN IP4 10.0.0.");
        } finally {
            phoneA.kill();
        }
    }

    /**
     * A phone at {@link NatLab#PRIVATE_PHONE}:{@value #PHONE_PORT} in {@code ns}: REGISTERs (digest) and answers
     * the calls that reach it on the same socket (UDP) or connection (TCP) with {@code nat-call/<scenario>}.
     */
    private static Sipp.Running servingPhone(String ns, String extension, Transport transport, String scenario) {
        return Sipp.scenario("tcp-udp-call", "register-and-serve.xml")
                .namespace(ns)
                .localIp(NatLab.PRIVATE_PHONE)
                .against(SIP, DOMAIN, work.resolve("sipp"))
                .transport(transport)
                .localPort(PHONE_PORT)
                .service(extension)
                .credentials(extension, PASSWORD)
                .key("expires", "600")
                .arg("-oocsf", resource("nat-call", scenario).toString(), "-d", "60000")
                .timeout(Duration.ofSeconds(90))
                .start();
    }

    /** The {@code rport} in the last response this phone received (to its REGISTER: it has sent nothing else). */
    private static int rportSeenBy(Sipp.Running phone) {
        Awaitility.await("200 OK to REGISTER logged")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> RPORT.matcher(phone.messages()).find());
        Matcher m = RPORT.matcher(phone.messages());
        int port = -1;
        while (m.find()) port = Integer.parseInt(m.group(1));
        return port;
    }

    private static JsonNode awaitRegistered(String extension, Transport transport) {
        return Awaitility.await(extension + " registered over " + transport)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.registrationsOf(extension).stream()
                                .filter(b -> transport
                                        .name()
                                        .equalsIgnoreCase(b.get("transport").asText()))
                                .findFirst()
                                .orElse(null),
                        b -> b != null);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static Path resource(String scenario, String file) {
        try {
            return Path.of(NatSignallingIT.class
                    .getResource("/sipp/" + scenario + "/" + file)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages a SIPp phone received, from its message log (sent ones left out: they carry its own address). */
    private static String received(String log) {
        StringBuilder out = new StringBuilder();
        for (String block : log.split("-{20,}[^\\n]*\\n")) {
            if (block.contains("message received")) out.append(block);
        }
        return out.toString();
    }
}
