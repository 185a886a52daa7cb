package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.CallEventLog;
import org.tandem.pbx.testsupport.TestPbxApplication;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * What the dial plan ITs share: a PBX on one SIP port with users 200–240, SIPp phones that register
 * first, outside phones reached through {@link FakeExternalCalls} (the trunk gateway has its own
 * tests), and the call events that call records are built from.
 */
@SpringBootTest(
        classes = {TestPbxApplication.class, RoutingCallSupport.Beans.class},
        properties = TestPbxApplication.FLYWAY_PROPERTY)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RoutingCallSupport {

    static class Beans {
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
        @Primary
        FakeExternalCalls fakeExternalCalls() {
            return new FakeExternalCalls();
        }
    }

    static final String DOMAIN = "tandem.test";
    static final int SIP_PORT = Sipp.freePort();
    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tandem-routing-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", DATA::toString);
        registry.add("tandem.domain", () -> DOMAIN);
        registry.add("tandem.sip.bind-address", () -> Sipp.HOST);
        registry.add("tandem.sip.advertised-address", () -> Sipp.HOST);
        registry.add("tandem.auth.algorithms", () -> "MD5,SHA-256");
        registry.add("tandem.sip.port", () -> SIP_PORT);
        registry.add("tandem.sip.tls-port", () -> 0);
        registry.add("tandem.sip.invite-timeout", () -> "8s");
        // a NAT keepalive OPTIONS would be taken by a SIPp phone as its one call
        registry.add("tandem.sip.keepalive-interval", () -> "1h");
    }

    @Autowired
    UserDirectory users;

    @Autowired
    VoicemailBoxes boxes;

    @Autowired
    RoutingDirectory routing;

    @Autowired
    CallEventLog calls;

    @Autowired
    FakeExternalCalls external;

    @Autowired
    CallEvents events;

    @BeforeEach
    void users() {
        for (int ext = 200; ext <= 240; ext++) {
            String e = Integer.toString(ext);
            if (!users.exists(e)) {
                users.create(new UserDraft(e, "User " + e, "secret" + e, null));
                // these calls are about what phones, forwards and groups do: voicemail (on for new users) would
                // answer every busy or unanswered call; VoicemailCallIT covers it
                boxes.update(e, new VoicemailBoxDraft(false, null, null, null, null, null));
            }
        }
    }

    /** A phone of {@code extension}: a SIPp UAS that REGISTERs first. */
    Sipp phone(String scenario, String extension) {
        Sipp uas = Sipp.scenario(scenario);
        String contact = "sip:" + extension + "@" + Sipp.HOST + ":" + uas.port() + ";transport=UDP";
        Sipp.Run reg = Sipp.scenario("proxy/register")
                .onPort(uas.port())
                .set("DOMAIN", DOMAIN)
                .set("CONTACT", contact)
                .calling(extension, SIP_PORT)
                .auth(extension, "secret" + extension)
                .start();
        assertThat(reg.exitCode()).as(reg::log).isZero();
        return uas.set("CONTACT", contact).set("FROM_RE", ".");
    }

    /** A phone outside (a mobile): a SIPp UAS the fake trunk reaches for {@code number}. */
    Sipp outside(String scenario, String number) {
        Sipp uas = Sipp.scenario(scenario);
        external.reach(number, uas.port());
        return uas.set("CONTACT", "sip:" + number + "@" + Sipp.HOST + ":" + uas.port())
                .set("FROM_RE", ".");
    }

    /** Extension {@code caller} dials {@code dialled}, answering the proxy's challenge. */
    Sipp dial(String scenario, String caller, String dialled) {
        Sipp uac = Sipp.scenario(scenario);
        return uac.set("DOMAIN", DOMAIN)
                .set("CALLER", caller)
                .set("CONTACT", "sip:" + caller + "@" + Sipp.HOST + ":" + uac.port() + ";transport=UDP")
                .set("ANSWER_RE", "SIP/2.0 200")
                .set("REASON_RE", ".")
                .calling(dialled, SIP_PORT)
                .auth(caller, "secret" + caller);
    }

    void settings(String extension, CallSettingsDraft draft) {
        routing.updateCallSettings(extension, draft);
    }

    static CallSettingsDraft forwardAlways(String target) {
        return new CallSettingsDraft(false, target, null, null, null, null, null, null, null);
    }

    void expectEvents(String dialled, String... lines) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(calls.summary(dialled)).containsExactly(lines));
    }

    static void ok(Sipp.Run... runs) {
        for (Sipp.Run r : runs) assertThat(r.exitCode()).as(r::log).isZero();
    }
}
