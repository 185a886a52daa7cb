package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.testsupport.CallEventLog;
import org.tandem.pbx.testsupport.TestPbxApplication;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * Calls through the stateful proxy between real SIPp user agents: the PBX core (real SIP stack on a
 * free port, real registrar and digest authenticator, H2 file database), SIPp UAS processes that
 * first REGISTER (with digest) as the callee's contacts, a SIPp UAC as the caller answering 407.
 */
@SpringBootTest(
        classes = {TestPbxApplication.class, AbstractProxyCallIT.Bindings.class},
        properties = TestPbxApplication.FLYWAY_PROPERTY)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // frees the SIP port for the next database
abstract class AbstractProxyCallIT {

    /** Not a @Configuration, so that TestPbxApplication's component scan leaves it to this test. */
    static class Bindings {
        @Bean
        @Primary
        StaticBindings staticBindings(@Qualifier("locationTable") LocationService registrar) {
            return new StaticBindings(registrar);
        }

        @Bean
        CallEventLog callEventLog() {
            return new CallEventLog();
        }

        @Bean
        DialogEventLog dialogEventLog() {
            return new DialogEventLog();
        }
    }

    /** Collects the proxy's dialog-state events. */
    static class DialogEventLog implements CallListener {
        final List<DialogStateChanged> events = new CopyOnWriteArrayList<>();

        @Override
        public void on(DialogStateChanged event) {
            events.add(event);
        }

        List<String> of(String extension) {
            return events.stream()
                    .filter(e -> e.extension().equals(extension))
                    .map(e -> e.state() + " " + e.direction())
                    .toList();
        }
    }

    static final String DOMAIN = "tandem.test";
    static final int SIP_PORT = Sipp.freePort();
    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tandem-proxy-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Everything but the database, which each subclass chooses. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", DATA::toString);
        registry.add("tandem.domain", () -> DOMAIN);
        registry.add("tandem.sip.bind-address", () -> Sipp.HOST);
        registry.add("tandem.sip.advertised-address", () -> Sipp.HOST);
        // SIPp 3.6 answers only the first challenge and only MD5 (see RegistrarSippIT)
        registry.add("tandem.auth.algorithms", () -> "MD5,SHA-256");
        registry.add("tandem.sip.port", () -> SIP_PORT);
        registry.add("tandem.sip.tls-port", () -> 0);
        registry.add("tandem.sip.invite-timeout", () -> "3s");
    }

    @Autowired
    UserDirectory users;

    @Autowired
    VoicemailBoxes boxes;

    @Autowired
    StaticBindings location;

    @Autowired
    DialogEventLog dialogEvents;

    @Autowired
    CallEventLog calls;

    @BeforeEach
    void users() {
        for (String ext : new String[] {
            "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "110", "111", "112", "113"
        }) {
            if (!users.exists(ext)) {
                users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
                boxes.update(
                        ext,
                        new VoicemailBoxDraft(
                                false, null, null, null, null,
                                null)); // proxy behaviour only: no voicemail answering for the phones
            }
        }
    }

    /** A callee contact: a SIPp UAS on the port it registered {@code extension} from. */
    Sipp callee(String scenario, String extension) {
        Sipp uas = Sipp.scenario("proxy/" + scenario);
        String contact = "sip:" + extension + "@" + Sipp.HOST + ":" + uas.port() + ";transport=UDP";
        register(extension, contact, uas.port());
        return uas.set("CONTACT", contact);
    }

    /** REGISTERs {@code contact} for {@code extension} over UDP from {@code port}, with digest. */
    void register(String extension, String contact, int port) {
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(port)
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .calling(extension, SIP_PORT)
                .auth(extension, "secret" + extension)
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
    }

    /** The caller: extension 100, authenticating with its secret. */
    Sipp caller(String scenario, String calledExtension) {
        Sipp uac = Sipp.scenario("proxy/" + scenario);
        return uac.set("DOMAIN", DOMAIN)
                .set("CALLER", "100")
                .set("CONTACT", "sip:100@" + Sipp.HOST + ":" + uac.port() + ";transport=UDP")
                .calling(calledExtension, SIP_PORT)
                .auth("100", "secret100");
    }

    @Test
    void callIsChallengedThenRingsAnswersAndHangsUpThroughTheProxy() {
        Sipp.Run uas = callee("uas-answer", "101").start();
        Sipp.Run uac = caller("uac-call", "101").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
        // RFC 4235 states for presence: ringing, answered, hung up
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(dialogEvents.of("101"))
                        .containsExactly("EARLY RECIPIENT", "CONFIRMED RECIPIENT", "TERMINATED RECIPIENT"));
        String callId = dialogEvents.events.stream()
                .filter(e -> e.extension().equals("101"))
                .findFirst()
                .orElseThrow()
                .callId();
        assertThat(dialogEvents.events)
                .filteredOn(e -> e.callId().equals(callId) && e.extension().equals("100"))
                .extracting(e -> e.state() + " " + e.direction())
                .containsExactly("TRYING INITIATOR", "EARLY INITIATOR", "CONFIRMED INITIATOR", "TERMINATED INITIATOR");
        // one call attempt, answered by 101, hung up by the caller (uac-call sends the BYE)
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("101"))
                        .containsExactly(
                                "started 100->101 INTERNAL",
                                "routed extension:101",
                                "answered 101",
                                "ended ANSWERED 200 CALLER"));
    }

    @Test
    void messageIsChallengedThenDelivered() {
        Sipp.Run uas = callee("uas-message", "109").start();
        Sipp.Run uac = caller("uac-message", "109").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
    }

    @Test
    void unknownExtensionIs404() {
        Sipp.Run uac = caller("uac-rejected", "999").set("STATUS", 404).start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("999"))
                        .containsExactly("started 100->999 INTERNAL", "ended FAILED 404 SYSTEM"));
    }

    @Test
    void knownExtensionWithoutRegistrationIs480() {
        Sipp.Run uac = caller("uac-rejected", "102").set("STATUS", 480).start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    /**
     * Issue 22, finding 3: the Record-Route a caller got in the 180 of a call that then failed does not let it send
     * requests "in" that dialog through the proxy to a host of its choice. 481, and nothing is relayed.
     */
    @Test
    void aFailedCallsRecordRouteDoesNotMakeTheProxyAnOpenRelay() {
        Sipp.Run uas = callee("uas-ring-busy", "113").start();
        // nobody listens at the victim's address: relayed, the MESSAGE would time out (408) instead of 481
        Sipp.Run uac = caller("uac-stale-route", "113")
                .set("VICTIM", Sipp.HOST + ":" + Sipp.freePort())
                .start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
    }

    @Test
    void busyPassesThrough() {
        Sipp.Run uas = callee("uas-busy", "106").start();
        Sipp.Run uac = caller("uac-rejected", "106").set("STATUS", 486).start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("106"))
                        .containsExactly("started 100->106 INTERNAL", "routed extension:106", "ended BUSY 486 CALLEE"));
    }

    @Test
    void forksToEveryContactAndCancelsTheOthersWhenOneAnswers() {
        Sipp.Run loser = callee("uas-trying-cancelled", "103").start();
        Sipp.Run winner = callee("uas-answer", "103").start();
        Sipp.Run uac = caller("uac-call", "103").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(winner.exitCode()).as(winner::log).isZero();
        assertThat(loser.exitCode()).as(loser::log).isZero();
    }

    @Test
    void callerCancelsBeforeAnswer() {
        Sipp.Run uas = callee("uas-ring-cancelled", "107").start();
        Sipp.Run uac = caller("uac-cancel", "107").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("107"))
                        .containsExactly(
                                "started 100->107 INTERNAL", "routed extension:107", "ended CANCELLED 487 CALLER"));
    }

    @Test
    void noAnswerWithinTheInviteTimeoutCancelsAndAnswers408() {
        Sipp.Run uas = callee("uas-ring-cancelled", "108").start();
        Sipp.Run uac = caller("uac-rejected", "108").set("STATUS", 408).start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("108"))
                        .containsExactly(
                                "started 100->108 INTERNAL", "routed extension:108", "ended NO_ANSWER 408 SYSTEM"));
    }

    @Test
    void maxForwardsZeroIs483() {
        Sipp.Run uac = caller("uac-max-forwards-zero", "101").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    @Test
    void requestThatComesBackUnchangedIsALoop482() {
        // 105's only contact is this proxy itself: the INVITE spirals once (new Request-URI), then
        // comes back unchanged with our Via on it (RFC 3261 §16.3 step 4)
        location.bind("105", "sip:105@" + Sipp.HOST + ":" + SIP_PORT, Sipp.HOST, SIP_PORT, "udp");
        Sipp.Run uac = caller("uac-rejected", "105").set("STATUS", 482).start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    @Test
    void tcpCallerBehindNatCallsUdpCalleeBehindNatAndTheCalleeHangsUp() {
        // both Contacts are unreachable (TEST-NET) addresses: only the flows they came from work
        Sipp uas = Sipp.scenario("proxy/uas-answer-hangs-up");
        String calleeContact = "sip:104@192.0.2.2:5060";
        uas.set("CONTACT", calleeContact);
        register("104", calleeContact, uas.port());
        Sipp.Run callee = uas.start();
        Sipp.Run uac = Sipp.scenario("proxy/uac-callee-hangs-up")
                .tcp()
                .set("DOMAIN", DOMAIN)
                .set("CALLER", "100")
                .set("CONTACT", "sip:100@192.0.2.1:5999;transport=tcp")
                .calling("104", SIP_PORT)
                .auth("100", "secret100")
                .start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(callee.exitCode()).as(callee::log).isZero();
    }

    @Test
    void requestsForOtherDomainsAreRefused403() {
        Sipp.Run uac = Sipp.scenario("proxy/uac-unauthenticated")
                .set("REQUEST_URI", "sip:bob@example.com")
                .set("FROM", "<sip:mallory@example.net>")
                .set("TO", "<sip:bob@example.com>")
                .set("STATUS", 403)
                .set("HEADER", "Subject: relay attempt")
                .calling("bob", SIP_PORT)
                .start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    @Test
    void aToTagWithoutOurRouteDoesNotSkipAuthentication() {
        Sipp.Run uac = Sipp.scenario("proxy/uac-unauthenticated")
                .set("REQUEST_URI", "sip:101@" + DOMAIN)
                .set("FROM", "<sip:100@" + DOMAIN + ">")
                .set("TO", "<sip:101@" + DOMAIN + ">;tag=forged")
                .set("HEADER", "Subject: forged dialog")
                .set("STATUS", 407)
                .calling("101", SIP_PORT)
                .start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    @Test
    void udpCallerReachesTcpCalleeBehindNatOnTheConnectionItRegisteredOn() {
        // the Contact is unreachable: only the phone's own TCP connection leads to it
        String contact = "sip:110@192.0.2.3:5060;transport=tcp";
        Sipp.Run phone = Sipp.scenario("proxy/register-and-stay")
                .tcp()
                .outOfCall("proxy/uas-answer")
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .set("STAY_MS", 6000)
                .calling("110", SIP_PORT)
                .auth("110", "secret110")
                .start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !location.lookup("110").isEmpty());

        Sipp.Run uac = caller("uac-call", "110").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(phone.exitCode()).as(phone::log).isZero();
    }

    @Test
    void aForgedRouteAndToTagDoNotMakeAnOpenRelay() {
        Sipp.Run uac = Sipp.scenario("proxy/uac-unauthenticated")
                .set("REQUEST_URI", "sip:bob@example.com")
                .set("FROM", "<sip:mallory@example.net>")
                .set("TO", "<sip:bob@example.com>;tag=forged")
                .set("HEADER", "Route: <sip:" + Sipp.HOST + ":" + SIP_PORT + ";transport=udp;lr>")
                .set("STATUS", 403)
                .calling("bob", SIP_PORT)
                .start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
    }

    @Test
    void aCallThatSpiralsThroughAnotherExtensionKeepsItsDialogRouting() {
        // 111's contact is extension 112 on this very proxy: the INVITE spirals (RFC 3261 §16.3 step 4)
        location.bind("111", "sip:112@" + Sipp.HOST + ":" + SIP_PORT, Sipp.HOST, SIP_PORT, "udp");
        Sipp.Run uas = callee("uas-answer-hangs-up", "112").start();
        Sipp.Run uac = caller("uac-callee-hangs-up", "111").start();

        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();
        // the spiral through 112 is the same call attempt, not a second one; the callee hung up
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.summary("111"))
                        .containsExactly(
                                "started 100->111 INTERNAL",
                                "routed extension:111",
                                "answered 111",
                                "ended ANSWERED 200 CALLEE"));
        assertThat(calls.callIdsDialling("112")).isEmpty();
    }
}
