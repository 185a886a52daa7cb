package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Brute-force protection: an address that fails digest authentication too often is banned (its
 * requests are dropped, unanswered), other addresses are not affected, and the admin lifts the ban
 * through the API. The attacker is 127.0.0.2 (another loopback address), so the admin on 127.0.0.1
 * can still use the API, as they would from another host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the sipvicious attack bans 127.0.0.1 itself: it runs last
class BanIT {

    private static final int MAX_FAILURES = 3;
    private static final String ATTACKER = "127.0.0.2";

    @RegisterExtension
    // own appliance: ban thresholds are startup flags, and it bans loopback addresses
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.security.max-failures=" + MAX_FAILURES,
            "--tandem.security.failure-window=5m",
            "--tandem.security.ban-time=10m");

    @Test
    void repeatedFailuresBanTheAddressUntilTheAdminLiftsTheBan() {
        tandem.api().createUser("301", "Victim", "Ban-secret-1");

        // each call: 401, wrong digest, 401 -> one failure per call, one call after the other
        tandem.sipp("register-wrong-password", "uac.xml")
                .localIp(ATTACKER)
                .service("301")
                .credentials("301", "guess-1234")
                .key("expires", "600")
                .calls(MAX_FAILURES)
                .limit(1)
                .runAndAssertSuccess();

        assertThat(tandem.api().isBanned(ATTACKER))
                .as("banned after %d failures: %s", MAX_FAILURES, tandem.api().bans())
                .isTrue();

        // dropped: no answer at all, even to OPTIONS, and even with the right password
        tandem.sipp("ban", "uac-dropped.xml").localIp(ATTACKER).runAndAssertSuccess();
        try (RawSip banned = RawSip.open("UDP", tandem.process().sipPort(), ATTACKER)) {
            assertThat(banned.ping(Duration.ofSeconds(2)))
                    .as("answer to a banned address")
                    .isNull();
        }
        tandem.sipp("register", "uac.xml")
                .localIp(ATTACKER)
                .service("301")
                .credentials("301", "Ban-secret-1")
                .key("expires", "600")
                .timeout(Duration.ofSeconds(4))
                .run()
                .assertFailure();
        assertThat(tandem.api().contactsOf("301")).isEmpty();

        // a ban is per address: 127.0.0.1 is still served
        try (RawSip other = RawSip.open("UDP", tandem.process().sipPort())) {
            SipText ok = other.ping(Duration.ofSeconds(5));
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
        }

        // the admin lifts it
        assertThat(tandem.api().unban(ATTACKER).status()).isEqualTo(204);
        assertThat(tandem.api().bans()).isEmpty();
        tandem.sipp("options", "uac.xml").localIp(ATTACKER).runAndAssertSuccess();
        tandem.sipp("register", "uac.xml")
                .localIp(ATTACKER)
                .service("301")
                .credentials("301", "Ban-secret-1")
                .key("expires", "600")
                .runAndAssertSuccess();
    }

    @Test
    void unbanningAnAddressThatIsNotBannedIs404() {
        assertThat(tandem.api().unban("192.0.2.77").status()).isEqualTo(404);
    }

    /**
     * Issue 22 finding 5, against the built jar: REGISTERs answering nonces the appliance never issued, "from"
     * 127.0.0.3 (over UDP anyone can write that source address), must not get 127.0.0.3 banned: it could be the
     * office's phones or the trunk provider. Before the fix, MAX_FAILURES of them banned it.
     */
    @Test
    void madeUpNoncesFromASpoofableSourceDoNotBanIt() {
        tandem.api().createUser("302", "Office phone", "Ban-secret-2");
        String spoofed = "127.0.0.3";
        try (RawSip udp = RawSip.open("UDP", tandem.process().sipPort(), spoofed)) {
            udp.send(register(udp, 1, null));
            SipText challenge = udp.collect(m -> m.status() == 401, Duration.ofSeconds(5)).stream()
                    .filter(m -> m.status() == 401)
                    .findFirst()
                    .orElseThrow();
            String realm = challenge.header("www-authenticate").replaceAll("(?s).*realm=\"([^\"]*)\".*", "$1");
            for (int i = 0; i < 10; i++) {
                udp.send(register(
                        udp,
                        i + 2,
                        "Digest username=\"302\", realm=\"" + realm + "\", nonce=\"bWFkZS11cC"
                                + i + "\", uri=\"sip:" + realm + "\", response=\"00112233445566778899aabbccddeeff\", "
                                + "algorithm=MD5, cnonce=\"c" + i + "\", qop=auth, nc=00000001"));
                assertThat(udp.collect(m -> m.status() == 401, Duration.ofSeconds(5)))
                        .as("answered (a fresh challenge), so it was seen")
                        .anyMatch(m -> m.status() == 401);
            }
        }
        assertThat(tandem.api().isBanned(spoofed))
                .as("bans: %s", tandem.api().bans())
                .isFalse();
    }

    private static String register(RawSip from, int cseq, String authorization) {
        String branch = "z9hG4bK-" + Long.toHexString(System.nanoTime());
        return "REGISTER sip:" + TandemProcess.HOST + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from.localAddress() + ":" + from.localPort() + ";branch=" + branch
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:302@" + TandemProcess.HOST + ">;tag=spoof\r\n"
                + "To: <sip:302@" + TandemProcess.HOST + ">\r\n"
                + "Call-ID: made-up-nonces@" + from.localAddress() + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:302@" + from.localAddress() + ":" + from.localPort() + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /**
     * Issue 22, "a scripted scan in CI": sipvicious's svcrack (Debian's 0.3.3, which cannot choose its source
     * address, so it attacks from 127.0.0.1, and this runs last) guesses the password of a real user from a
     * dictionary holding the right password after 30 wrong ones. It must find nothing, because the appliance bans
     * the address after MAX_FAILURES wrong answers, and afterwards that address gets no answer at all.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void sipviciousCannotGuessAPasswordBeforeTheBanStopsIt() throws Exception {
        tandem.api().createUser("303", "Cracked?", "Ban-secret-303");
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= 30; i++) words.add("guess-" + i);
        words.add("Ban-secret-303");
        Path dictionary = tandem.process().workDir().resolve("svcrack-words.txt");
        Files.write(dictionary, words, StandardCharsets.UTF_8);
        Path script = Path.of("..", "scripts", "scan.sh").toAbsolutePath().normalize();
        Process scan = new ProcessBuilder(
                        script.toString(),
                        "--sip",
                        tandem.process().sipHostPort(),
                        "--sip-crack",
                        "303",
                        "--sip-dictionary",
                        dictionary.toString())
                .redirectErrorStream(true)
                .start();
        scan.getOutputStream().close();
        String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(scan.waitFor(4, TimeUnit.MINUTES)).as("scan.sh finishes").isTrue();
        assertThat(scan.exitValue()).as(out).isZero();
        assertThat(out).contains("svcrack found no password for 303").doesNotContain("Ban-secret-303");
        try (RawSip banned = RawSip.open("UDP", tandem.process().sipPort())) {
            assertThat(banned.ping(Duration.ofSeconds(2)))
                    .as("an answer to the banned scanner")
                    .isNull();
        }
    }
}
