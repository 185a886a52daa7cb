package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * A phone whose 200 OK was lost sends its REGISTER again, byte for byte (RFC 3261 §17.1.2.2, Timer E): over UDP the
 * registrar answers the copy as its transaction would (§17.2.2) although it keeps no stack transaction for it, with
 * the same answer and without applying the change, nor judging its nonce count a replay, a second time.
 */
class RegisterRetransmissionIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static LocationService location;
    static final List<String> registered = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.security.max-failures", "1000"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("201", "202")) users.create(new UserDraft(ext, "User " + ext, secret(ext), null));
        location = pbx.bean(LocationService.class);
        pbx.bean(RegistrationEvents.class).listen(e -> registered.add(e.extension()));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static String secret(String ext) {
        return "s3cret-" + ext;
    }

    /** The challenge, then the REGISTER with {@code user}'s credentials and {@code branch}; returns its answer. */
    static SipText authenticate(UdpSipPeer phone, RegisterMessage reg, String user, String branch) {
        SipText challenge = phone.exchange(reg.authorization(null).build());
        assertThat(challenge.status()).isEqualTo(401);
        reg.branch(branch);
        return DigestRegistration.answer(phone, reg, challenge, user, secret(user), "MD5", 1);
    }

    @Test
    void aCopyOfAnAnsweredRegisterGetsTheSame200AndChangesNothing() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("201")
                    .contact("<sip:201@127.0.0.1:" + phone.localPort() + ">;expires=600");
            SipText ok = authenticate(phone, reg, "201", "z9hG4bK-copy-201");
            assertThat(ok.status()).isEqualTo(200);
            Binding binding = location.lookup("201").get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> registered.contains("201"));

            SipText again = phone.exchange(reg.build()); // the same bytes: branch, CSeq, nonce count
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.header("To")).as("the same To tag").isEqualTo(ok.header("To"));
            assertThat(again.header("Via")).isEqualTo(ok.header("Via"));
            assertThat(again.header("CSeq")).isEqualTo(ok.header("CSeq"));
            assertThat(again.values("Contact"))
                    .singleElement()
                    .asString()
                    .startsWith("<sip:201@127.0.0.1:" + phone.localPort() + ">;expires=");
            assertThat(location.lookup("201")).as("not applied again").containsExactly(binding);
            assertThat(registered.stream().filter("201"::equals))
                    .as("one registration event")
                    .hasSize(1);

            // a new REGISTER (new branch, CSeq + 1) of the same phone is a new transaction, applied
            reg.branch("z9hG4bK-copy-201-next").cseq(reg.cseq() + 1);
            SipText next = DigestRegistration.register(phone, reg, "201", secret("201"), "MD5");
            assertThat(next.status()).isEqualTo(200);
            assertThat(location.lookup("201"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.cseq()).isGreaterThan(binding.cseq()));
        }
    }

    @Test
    void aCopyOfARefusedRegisterGetsTheSameRefusal() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            // 202's credentials for 201's address: step 4 of RFC 3261 §10.3 refuses it after authentication
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("201")
                    .contact("<sip:201@127.0.0.1:" + phone.localPort() + ";other>");
            SipText refused = authenticate(phone, reg, "202", "z9hG4bK-copy-202");
            assertThat(refused.status()).isEqualTo(403);

            SipText again = phone.exchange(reg.build());
            assertThat(again.startLine()).isEqualTo(refused.startLine());
            assertThat(again.header("To")).isEqualTo(refused.header("To"));
            assertThat(location.lookup("201"))
                    .noneSatisfy(b -> assertThat(b.contactUri()).contains(";other"));
        }
    }
}
