package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;
import org.tandem.pbx.testsupport.UdpSipPeer;

/** The registrar over real UDP against the real stack and an H2 file database (RFC 3261 §10.3). */
class RegistrarIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static LocationService location;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        // bans are BanIT's subject; here the wrong-password tests must not lock out 127.0.0.1
        pbx = PbxTestContext.start(
                data, Map.of("tandem.security.max-failures", "1000", "tandem.sip.keepalive-interval", "1s"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext :
                List.of("101", "102", "103", "104", "105", "106", "107", "108", "109", "110", "111", "112", "113")) {
            users.create(new UserDraft(ext, "User " + ext, secret(ext), null));
        }
        location = pbx.bean(LocationService.class);
        jdbc = pbx.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static String secret(String ext) {
        return "s3cret-" + ext;
    }

    RegisterMessage register(UdpSipPeer phone, String user) {
        return new RegisterMessage(pbx.sipPort(), phone.localPort()).user(user);
    }

    SipText authenticated(UdpSipPeer phone, RegisterMessage reg, String user, String algorithm) {
        return DigestRegistration.register(phone, reg, user, secret(user), algorithm);
    }

    long rows(String aor) {
        return jdbc.sql("SELECT COUNT(*) FROM registration WHERE aor = ?")
                .param(aor)
                .query(Long.class)
                .single();
    }

    /** The bindings reach the database: journalled before the 200 OK, committed within the flush interval (1 s). */
    void awaitRows(String aor, long n) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(rows(aor)).isEqualTo(n));
    }

    @Test
    void registersWithMd5AndListsTheBinding() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "101")
                    .contact("<sip:101@127.0.0.1:" + phone.localPort() + ">")
                    .header("Expires: 600");
            SipText ok = authenticated(phone, reg, "101", "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.values("Contact"))
                    .singleElement()
                    .asString()
                    .startsWith("<sip:101@127.0.0.1:" + phone.localPort() + ">;expires=");
            assertThat(ok.header("Date")).endsWith("GMT");
            assertThat(location.lookup("101")).singleElement().satisfies(b -> {
                assertThat(b.sourcePort()).isEqualTo(phone.localPort());
                assertThat(b.sourceAddress()).isEqualTo("127.0.0.1");
                assertThat(b.transport()).isEqualTo("udp");
                assertThat(b.userAgent()).isEqualTo("Tandem-Test/1.0");
            });
            // written through before the 200 was sent
            awaitRows("101", 1);
        }
    }

    /**
     * Behind a NAT the REGISTER's Via and Contact name the phone's private port, its datagrams come from the
     * NAT's public port: the binding keeps the datagram's (RFC 3581 §4), where the phone is reached again.
     * (jain-sip's request "remote port" is the Via's for UDP; issue 20: INVITEs went to public address:private port.)
     */
    /**
     * Issue 23: a durable UDP REGISTER is answered without waking its stripe's thread while the stripe is idle (by the
     * location writer, or by the REGISTER's own task when the writer was done first); a TCP one never by the writer,
     * as a connection's send may wait. The registration event runs where the 200 is sent, owning the stripe either way.
     * Five refreshes each: another test's leftover task may hold a stripe for a moment.
     */
    @Test
    void aDatagramRegistersAnswerSkipsTheStripesThreadAndAConnectionsUsesIt() {
        Map<String, List<String>> answeredOn = new ConcurrentHashMap<>();
        pbx.bean(RegistrationEvents.class)
                .listen(e -> answeredOn
                        .computeIfAbsent(e.extension(), k -> new CopyOnWriteArrayList<>())
                        .add(Thread.currentThread().getName()));
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "112").contact("<sip:112@127.0.0.1:" + phone.localPort() + ">");
            for (int i = 0; i < 5; i++) {
                assertThat(authenticated(phone, reg, "112", "MD5").status()).isEqualTo(200);
                reg.cseq(reg.cseq() + 1);
            }
        }
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("113")
                    .transport("TCP")
                    .contact("<sip:113@127.0.0.1:" + phone.localPort() + ";transport=tcp>");
            for (int i = 0; i < 5; i++) {
                assertThat(DigestRegistration.register(phone, reg, "113", secret("113"), "MD5")
                                .status())
                        .isEqualTo(200);
                reg.cseq(reg.cseq() + 1);
            }
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(answeredOn)
                        .hasEntrySatisfying("112", l -> assertThat(l).hasSize(5))
                        .hasEntrySatisfying("113", l -> assertThat(l).hasSize(5)));
        assertThat(answeredOn.get("112"))
                .as("UDP: answered off the stripes' threads at least once")
                .anySatisfy(t -> assertThat(t).doesNotStartWith("sip-call-"));
        assertThat(answeredOn.get("113"))
                .as("TCP: never sent from the writer's thread")
                .allSatisfy(t -> assertThat(t).doesNotStartWith("location-writer-"));
    }

    @Test
    void udpBindingKeepsTheDatagramsSourcePortNotTheViaPort() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            int privatePort = phone.localPort() == 5999 ? 5998 : 5999;
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), privatePort)
                    .user("111")
                    .contact("<sip:111@192.168.1.100:" + privatePort + ">");
            SipText ok = authenticated(phone, reg, "111", "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Via")).contains("rport=" + phone.localPort());
            assertThat(location.lookup("111")).singleElement().satisfies(b -> {
                assertThat(b.sourcePort()).isEqualTo(phone.localPort());
                assertThat(b.contactUri()).isEqualTo("sip:111@192.168.1.100:" + privatePort);
            });
        }
    }

    @Test
    void registersWithSha256() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "102").contact("<sip:102@127.0.0.1:" + phone.localPort() + ">");
            assertThat(authenticated(phone, reg, "102", "SHA-256").status()).isEqualTo(200);
            assertThat(location.lookup("102")).hasSize(1);
            awaitRows("102", 1);
        }
    }

    @Test
    void wrongPasswordIsChallengedAgainAndBindsNothing() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "103").contact("<sip:103@127.0.0.1:" + phone.localPort() + ">");
            SipText challenge = phone.exchange(reg.build());
            SipText again = DigestRegistration.answer(phone, reg, challenge, "103", "not-the-secret", "SHA-256", 1);
            assertThat(again.status()).isEqualTo(401);
            assertThat(again.headers("WWW-Authenticate")).hasSize(2);
            assertThat(location.lookup("103")).isEmpty();
            assertThat(rows("103")).isZero();
        }
    }

    /** Everything that may differ between two answers whatever the user: nonces, tags, Call-ID, branch. */
    static String normalised(SipText response, String user) {
        return response.raw()
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"")
                .replaceAll("tag=[^;\r\n>]*", "tag=T")
                .replaceAll("branch=[^;\r\n]*", "branch=B")
                .replaceAll("Call-ID: [^\r\n]*", "Call-ID: C")
                .replaceAll("rport=[0-9]+", "rport=P")
                .replace("sip:" + user + "@", "sip:USER@");
    }

    @Test
    void unknownUserGetsByteIdenticalAnswersModuloNonceAndTags() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage known = register(phone, "104").contact("<sip:104@127.0.0.1:" + phone.localPort() + ">");
            RegisterMessage unknown = register(phone, "904").contact("<sip:904@127.0.0.1:" + phone.localPort() + ">");
            SipText knownChallenge = phone.exchange(known.build());
            SipText unknownChallenge = phone.exchange(unknown.build());
            assertThat(normalised(unknownChallenge, "904")).isEqualTo(normalised(knownChallenge, "104"));

            for (String alg : List.of("MD5", "SHA-256")) {
                SipText knownFailure = DigestRegistration.answer(phone, known, knownChallenge, "104", "guess", alg, 1);
                SipText unknownFailure =
                        DigestRegistration.answer(phone, unknown, unknownChallenge, "904", "guess", alg, 1);
                assertThat(knownFailure.status()).isEqualTo(401);
                assertThat(normalised(unknownFailure, "904")).isEqualTo(normalised(knownFailure, "104"));
                knownChallenge = knownFailure;
                unknownChallenge = unknownFailure;
            }
            assertThat(location.lookup("904")).isEmpty();
        }
    }

    @Test
    void severalContactsEachWithItsOwnExpiryAndAllListed() {
        try (UdpSipPeer deskPhone = new UdpSipPeer(pbx.sipPort());
                UdpSipPeer softPhone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage desk = register(deskPhone, "105")
                    .contact("<sip:105@127.0.0.1:" + deskPhone.localPort() + ">;expires=120")
                    .contact("<sip:105@192.168.1.20:5060>;expires=1800");
            assertThat(authenticated(deskPhone, desk, "105", "MD5").status()).isEqualTo(200);
            RegisterMessage soft =
                    register(softPhone, "105").contact("<sip:105@127.0.0.1:" + softPhone.localPort() + ">");
            SipText ok = authenticated(softPhone, soft, "105", "SHA-256");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.values("Contact"))
                    .hasSize(3)
                    .anyMatch(c -> c.startsWith("<sip:105@127.0.0.1:" + deskPhone.localPort() + ">;expires=12"))
                    .anyMatch(c -> c.startsWith("<sip:105@192.168.1.20:5060>;expires=180"))
                    .anyMatch(c -> c.startsWith("<sip:105@127.0.0.1:" + softPhone.localPort() + ">;expires=3600"));
            assertThat(location.lookup("105")).hasSize(3);
            assertThat(location.findByContact("sip:105@192.168.1.20:5060"))
                    .get()
                    .satisfies(b -> assertThat(b.sourcePort()).isEqualTo(deskPhone.localPort()));
            awaitRows("105", 3);
        }
    }

    @Test
    void registerWithoutContactListsTheBindingsAndChangesNothing() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "109").contact("<sip:109@10.7.7.7:5060>;expires=900");
            assertThat(authenticated(phone, reg, "109", "MD5").status()).isEqualTo(200);
            SipText query = authenticated(phone, register(phone, "109"), "109", "MD5");
            assertThat(query.status()).isEqualTo(200);
            assertThat(query.values("Contact"))
                    .singleElement()
                    .asString()
                    .startsWith("<sip:109@10.7.7.7:5060>;expires=");
            assertThat(location.lookup("109")).hasSize(1);
        }
    }

    @Test
    void tooBriefIs423WithMinExpiresAndTooLongIsShortened() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "106")
                    .contact("<sip:106@127.0.0.1:" + phone.localPort() + ">")
                    .header("Expires: 10");
            SipText brief = DigestRegistration.register(phone, reg, "106", secret("106"), "MD5");
            assertThat(brief.status()).isEqualTo(423);
            assertThat(brief.header("Min-Expires")).isEqualTo("60");
            assertThat(location.lookup("106")).isEmpty();

            RegisterMessage longer = register(phone, "106")
                    .contact("<sip:106@127.0.0.1:" + phone.localPort() + ">")
                    .header("Expires: 86400");
            SipText ok = DigestRegistration.register(phone, longer, "106", secret("106"), "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Contact")).endsWith(";expires=3600");
        }
    }

    @Test
    void removeOneContactThenAllWithStar() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "107")
                    .contact("<sip:107@127.0.0.1:" + phone.localPort() + ">")
                    .contact("<sip:107@10.9.9.9:5070>")
                    .contact("<sip:107@10.9.9.9:5071>");
            assertThat(authenticated(phone, reg, "107", "MD5").status()).isEqualTo(200);
            assertThat(location.lookup("107")).hasSize(3);

            reg.clearContacts().contact("<sip:107@10.9.9.9:5070>;expires=0");
            SipText one = authenticated(phone, reg, "107", "MD5");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.values("Contact")).hasSize(2).noneMatch(c -> c.contains("5070"));
            awaitRows("107", 2);

            reg.clearContacts().contact("*").clearHeaders();
            SipText badStar = DigestRegistration.register(phone, reg, "107", secret("107"), "MD5");
            assertThat(badStar.status()).as("* without Expires: 0").isEqualTo(400);
            assertThat(location.lookup("107")).hasSize(2);

            RegisterMessage star = register(phone, "107").contact("*").header("Expires: 0");
            SipText all = DigestRegistration.register(phone, star, "107", secret("107"), "MD5");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.values("Contact")).isEmpty();
            assertThat(location.lookup("107")).isEmpty();
            awaitRows("107", 0);
        }
    }

    @Test
    void sameCallIdWithCseqNotHigherFailsWith500AndChangesNothing() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "108")
                    .callId("fixed-108")
                    .contact("<sip:108@127.0.0.1:" + phone.localPort() + ">;expires=600")
                    .cseq(10);
            assertThat(authenticated(phone, reg, "108", "MD5").status()).isEqualTo(200);
            Binding before = location.lookup("108").get(0);
            assertThat(before.cseq()).isEqualTo(11);

            // a stale REGISTER of the same Call-ID (CSeq 5 → 6 after the challenge) arrives late
            RegisterMessage late = register(phone, "108")
                    .callId("fixed-108")
                    .contact("<sip:108@127.0.0.1:" + phone.localPort() + ">;expires=0")
                    .cseq(5);
            SipText refused = authenticated(phone, late, "108", "MD5");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(location.lookup("108")).containsExactly(before);
        }
    }

    @Test
    void requiredExtensionsAre420AndForeignDomains403() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "109")
                    .contact("<sip:109@127.0.0.1:" + phone.localPort() + ">")
                    .header("Require: gruu");
            SipText bad = phone.exchange(reg.build());
            assertThat(bad.status()).isEqualTo(420);
            assertThat(bad.header("Unsupported")).isEqualTo("gruu");

            String foreign = reg.clearHeaders()
                    .cseq(20)
                    .build()
                    .replace("REGISTER sip:tandem.test SIP/2.0", "REGISTER sip:elsewhere.example SIP/2.0");
            assertThat(phone.exchange(foreign).status()).isEqualTo(403);
        }
    }

    /**
     * The database failing loses no registration: the REGISTER is journalled and answered 200, and the binding
     * reaches the database once it is back (before the journal, a failed write answered 500 and rolled memory
     * back; that write-through path is LocationWriterTest's).
     */
    @Test
    void aDatabaseOutageLosesNoRegistration() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = register(phone, "110").contact("<sip:110@127.0.0.1:" + phone.localPort() + ">");
            jdbc.sql("ALTER TABLE registration RENAME TO registration_offline").update();
            try {
                assertThat(authenticated(phone, reg, "110", "MD5").status()).isEqualTo(200);
                assertThat(location.lookup("110")).hasSize(1);
                await().pollDelay(Duration.ofMillis(1500))
                        .atMost(Duration.ofSeconds(5))
                        .untilAsserted(
                                () -> assertThat(jdbc.sql("SELECT COUNT(*) FROM registration_offline WHERE aor = '110'")
                                                .query(Long.class)
                                                .single())
                                        .as("nothing reaches the missing table")
                                        .isZero());
            } finally {
                jdbc.sql("ALTER TABLE registration_offline RENAME TO registration")
                        .update();
            }
            awaitRows("110", 1);
            assertThat(location.lookup("110")).hasSize(1);
        }
    }

    @Test
    void udpBindingsGetOptionsKeepalivesAtTheirSourceAddress() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            // the Contact claims a private address; the keepalive must still come to the real source
            RegisterMessage reg = register(phone, "101").contact("<sip:101@10.20.30.40:5060>;expires=600");
            assertThat(authenticated(phone, reg, "101", "MD5").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Optional<SipText> m = phone.receive(Duration.ofMillis(500));
                return m.isPresent() && m.get().startLine().startsWith("OPTIONS sip:101@10.20.30.40:5060");
            });
        }
    }
}
