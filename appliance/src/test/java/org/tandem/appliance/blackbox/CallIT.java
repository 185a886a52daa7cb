package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;

/**
 * Calls through the stateful proxy (RFC 3261 §16), SIPp on both ends: the callee registers first
 * (digest), then a SIPp UAS takes its calls on the registered port while a SIPp UAC calls it.
 */
class CallIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    private static final String PASSWORD = "Call-secret-1";
    private static final String CALLER = "201";

    @BeforeAll
    static void users() {
        for (String ext : List.of(CALLER, "202", "203", "204", "205", "206", "207", "208", "209")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext); // these calls test what phones answer; VoicemailIT covers the boxes
        }
    }

    private static Sipp caller(String scenario, String callee) {
        return tandem.sipp(scenario, "uac.xml")
                .service(CALLER)
                .credentials(CALLER, PASSWORD)
                .key("callee", callee);
    }

    /** A registered callee whose calls a SIPp UAS running {@code scenario/file} answers. */
    private static Sipp.Running callee(String extension, String scenario, String file, Transport transport) {
        int port = FreePorts.udpAndTcp();
        tandem.register(extension, PASSWORD, port, transport);
        return tandem.sipp(scenario, file)
                .transport(transport)
                .localPort(port)
                .service(extension)
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, transport);
    }

    @Test
    void callWith407RingingAnswerAckAndBye() {
        Sipp.Running uas = callee("202", "call", "uas.xml", Transport.UDP);
        caller("call", "202").runAndAssertSuccess();
        uas.await().assertSuccess();
    }

    @Test
    void unknownExtensionIs404() {
        caller("call-404", "299").runAndAssertSuccess();
    }

    @Test
    void knownButUnregisteredExtensionIs480() {
        assertThat(tandem.api().contactsOf("204")).isEmpty();
        caller("call-480", "204").runAndAssertSuccess();
    }

    @Test
    void busyFromTheCalleePassesThrough() {
        Sipp.Running uas = callee("205", "call-486", "uas.xml", Transport.UDP);
        caller("call-486", "205").runAndAssertSuccess();
        uas.await().assertSuccess();
    }

    @Test
    void cancelBeforeAnswerReachesTheCallee() {
        Sipp.Running uas = callee("206", "cancel", "uas.xml", Transport.UDP);
        caller("cancel", "206").runAndAssertSuccess();
        uas.await().assertSuccess();
    }

    /** Two contacts for one AOR: both ring, one answers, the other is CANCELled (RFC 3261 §16.7 step 10). */
    @Test
    void forkingToTwoContactsCancelsTheOneThatDidNotAnswer() {
        int answering = FreePorts.udpAndTcp();
        int ringing = FreePorts.udpAndTcp();
        tandem.register("207", PASSWORD, answering, Transport.UDP);
        tandem.register("207", PASSWORD, ringing, Transport.UDP);
        assertThat(tandem.api().contactsOf("207")).hasSize(2);
        Sipp.Running answers = tandem.sipp("call", "uas.xml")
                .localPort(answering)
                .service("207")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(answering, Transport.UDP);
        Sipp.Running cancelled = tandem.sipp("cancel", "uas.xml")
                .localPort(ringing)
                .service("207")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(ringing, Transport.UDP);

        caller("call", "207").runAndAssertSuccess();
        answers.await().assertSuccess();
        cancelled.await().assertSuccess();
    }

    /** A TCP caller reaches a UDP callee (transport interworking through Record-Route, RFC 3261 §16.6). */
    @Test
    void tcpCallerToUdpCallee() {
        Sipp.Running uas = callee("208", "call", "uas.xml", Transport.UDP);
        caller("call", "208").transport(Transport.TCP).runAndAssertSuccess();
        uas.await().assertSuccess();
    }

    /**
     * A UDP caller reaches a TCP callee on the connection its REGISTER opened (the callee's Contact port
     * is not listening for new connections from the proxy's point of view: only the registered
     * connection reaches it).
     */
    @Test
    void udpCallerToTcpCalleeOnItsRegistrationConnection() {
        int port = FreePorts.udpAndTcp();
        Sipp.Running tcpPhone = tandem.sipp("tcp-udp-call", "register-and-serve.xml")
                .transport(Transport.TCP)
                .localPort(port)
                .service("209")
                .credentials("209", PASSWORD)
                .key("expires", "600")
                .arg("-oocsf", Sipp.resource("call", "uas.xml").toString(), "-d", "8000")
                .timeout(Duration.ofSeconds(30))
                .start();
        Awaitility.await("209 registered over TCP")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> tandem.api().registrationsOf("209").stream()
                        .anyMatch(b -> "tcp".equalsIgnoreCase(b.get("transport").asText())));

        caller("call", "209").runAndAssertSuccess();
        tcpPhone.await().assertSuccess();
    }
}
