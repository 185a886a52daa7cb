package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registrar seen from a phone (RFC 3261 §10) and from the admin's API. */
class RegistrationIT {

    /** The database gets journalled registrations only after an hour: a restart must replay the journal. */
    @RegisterExtension
    // own appliance: an hour's journal flush (startup flag), and a kill -9 restart
    static final TandemExtension tandem = new TandemExtension("--tandem.registrar.journal-flush-interval=1h");

    private static final String PASSWORD = "Reg-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("101", "102", "103", "104", "105", "106")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
        }
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void registersWithDigestAndTheApiShowsTheBinding(Sipp.Transport transport) {
        String ext = transport == Sipp.Transport.UDP ? "101" : "102";
        int port = FreePorts.udpAndTcp();
        tandem.register(ext, PASSWORD, port, transport);

        List<JsonNode> bindings = tandem.api().registrationsOf(ext);
        assertThat(bindings).as("bindings of %s", ext).hasSize(1);
        JsonNode b = bindings.get(0);
        assertThat(b.get("aor").asText())
                .isEqualTo("sip:" + ext + "@" + tandem.process().domain());
        assertThat(b.get("contact").asText()).contains("127.0.0.1:" + port);
        assertThat(b.get("sourceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(b.get("transport").asText()).isEqualToIgnoringCase(transport.name());
        assertThat(b.get("userAgent").asText()).isEqualTo("SIPp register");
        assertThat(b.get("expires").asLong()).isBetween(1L, 600L);
    }

    @Test
    void wrongPasswordIsChallengedAgainAndNotBound() {
        int port = FreePorts.udpAndTcp();
        tandem.sipp("register-wrong-password", "uac.xml")
                .localPort(port)
                .service("103")
                .credentials("103", "not-the-password")
                .key("expires", "600")
                .runAndAssertSuccess();
        assertThat(tandem.api().contactsOf("103")).isEmpty();
    }

    @Test
    void unknownUserGetsTheSameExchangeAsAWrongPassword() {
        tandem.sipp("register-unknown-user", "uac.xml")
                .service("999")
                .credentials("999", "whatever-1")
                .key("expires", "600")
                .runAndAssertSuccess();
        assertThat(tandem.api().registrations())
                .noneMatch(b -> b.get("aor").asText().startsWith("sip:999@"));
    }

    /**
     * Header by header: the 401 to a first REGISTER and the 401 to a wrong digest look the same for a
     * known and an unknown user (same status, reason, header names, challenge parameters but the nonce).
     */
    @Test
    void unknownAndKnownUsersAreIndistinguishableOnTheWire() {
        List<SipText> known = challengeExchange("104");
        List<SipText> unknown = challengeExchange("998");
        for (int step = 0; step < 2; step++) {
            SipText k = known.get(step);
            SipText u = unknown.get(step);
            String what = step == 0 ? "first challenge" : "answer to a wrong digest";
            assertThat(u.startLine()).as(what).isEqualTo(k.startLine());
            assertThat(u.headers().keySet())
                    .as(what + ": header names")
                    .containsExactlyElementsOf(k.headers().keySet());
            List<String> kChallenges = k.all("www-authenticate");
            List<String> uChallenges = u.all("www-authenticate");
            assertThat(uChallenges).as(what + ": challenges").hasSameSizeAs(kChallenges);
            for (int i = 0; i < kChallenges.size(); i++) {
                Map<String, String> kp = new java.util.LinkedHashMap<>(SipText.digestParams(kChallenges.get(i)));
                Map<String, String> up = new java.util.LinkedHashMap<>(SipText.digestParams(uChallenges.get(i)));
                assertThat(up.keySet()).as(what + ": challenge parameters").containsExactlyElementsOf(kp.keySet());
                assertThat(up.get("nonce")).as("nonce length").hasSameSizeAs(kp.get("nonce"));
                kp.remove("nonce");
                up.remove("nonce");
                kp.remove("opaque");
                up.remove("opaque");
                assertThat(up).as(what + ": challenge values but nonce/opaque").isEqualTo(kp);
            }
        }
    }

    /** REGISTER without credentials, then with a digest made from a wrong password: both answers. */
    private static List<SipText> challengeExchange(String ext) {
        List<SipText> answers = new ArrayList<>();
        try (RawSip udp = RawSip.open("UDP", tandem.process().sipPort())) {
            String callId = "indist-" + ext + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
            String uri = "sip:127.0.0.1:" + tandem.process().sipPort();
            SipText first = exchange(udp, udp.register(tandem.process().domain(), ext, callId, 1, null));
            answers.add(first);
            String challenge = first.header("www-authenticate");
            assertThat(challenge)
                    .as("401 for %s carries a challenge:\n%s", ext, first)
                    .startsWith("Digest");
            String auth = Digest.authorization(challenge, ext, "wrong-password-9", "REGISTER", uri);
            answers.add(exchange(udp, udp.register(tandem.process().domain(), ext, callId, 2, auth)));
        }
        return answers;
    }

    private static SipText exchange(RawSip udp, String request) {
        String callId = SipText.parse(request).callId();
        String cseq = SipText.parse(request).header("cseq");
        udp.send(request);
        List<SipText> got = udp.collect(
                m -> m.isResponse()
                        && m.status() >= 200
                        && m.callId().equals(callId)
                        && m.header("cseq").equals(cseq),
                Duration.ofSeconds(5));
        return got.stream()
                .filter(m ->
                        m.isResponse() && m.status() >= 200 && m.header("cseq").equals(cseq))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no final answer to\n" + request));
    }

    @Test
    void unregisterOneContactKeepsTheOtherAndStarRemovesAll() {
        int a = FreePorts.udpAndTcp();
        int b = FreePorts.udpAndTcp();
        tandem.register("105", PASSWORD, a, Sipp.Transport.UDP);
        tandem.register("105", PASSWORD, b, Sipp.Transport.UDP);
        assertThat(tandem.api().contactsOf("105")).hasSize(2);

        tandem.sipp("unregister", "uac-one.xml")
                .localPort(a)
                .service("105")
                .credentials("105", PASSWORD)
                .runAndAssertSuccess();
        assertThat(tandem.api().contactsOf("105")).singleElement().asString().contains("127.0.0.1:" + b);

        tandem.sipp("unregister", "uac-all.xml")
                .service("105")
                .credentials("105", PASSWORD)
                .runAndAssertSuccess();
        assertThat(tandem.api().contactsOf("105")).isEmpty();
    }

    /**
     * A binding is journalled before its 200 OK: a kill -9 loses none (issue: "kill -9 included"), though
     * the database had not got it yet (flush interval of an hour) and the restart replays the journal.
     */
    @Test
    void registrationSurvivesKillDashNineAndRestart() {
        int port = FreePorts.udpAndTcp();
        tandem.register("106", PASSWORD, port, Sipp.Transport.UDP);
        assertThat(tandem.api().contactsOf("106")).hasSize(1);

        tandem.process().kill9();
        tandem.process().start();
        assertThat(tandem.process().logTail(2000))
                .as("the restart replayed the journal")
                .containsPattern("Registration journal: \\d+ changes from before the last stop replayed");

        List<JsonNode> after = tandem.api().registrationsOf("106");
        assertThat(after).as("bindings of 106 after kill -9 and restart").hasSize(1);
        assertThat(after.get(0).get("contact").asText()).contains("127.0.0.1:" + port);
        assertThat(after.get(0).get("expires").asLong()).isPositive();
        // and the restarted registrar serves it: a re-REGISTER from the same contact still works
        tandem.register("106", PASSWORD, port, Sipp.Transport.UDP);
        assertThat(tandem.api().contactsOf("106")).hasSize(1);
    }
}
