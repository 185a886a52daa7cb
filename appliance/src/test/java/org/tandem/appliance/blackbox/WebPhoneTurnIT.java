package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tandem.appliance.blackbox.WebPhonePage.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web phone through TURN (issue 16: browsers on networks where UDP to the appliance is blocked): a real coturn
 * with the shared secret, Tandem configured with {@code tandem.turn.port} (TURN on the appliance, reached at the page's
 * host) and {@code relay-only}, so the browser may send media only through TURN. The portal hands the page a
 * credential made for the logged-in user; coturn accepts it, and refuses a forged or an expired one; the call to a
 * desk phone has audio both ways over the browser's relay candidate.
 */
class WebPhoneTurnIT {

    private static final String PASSWORD = "Turn-phone-1";
    private static final String WEB_PASSWORD = "turn-phone-portal";
    private static final String SECRET = "turn-secret-" + Long.toHexString(System.nanoTime());
    private static final int TURN_PORT = FreePorts.udpAndTcp();
    private static final int RELAY_COUNT = 24;
    private static final Duration SIGNALLING = Duration.ofSeconds(15);

    @RegisterExtension
    // own appliance: a TURN server and relay-only media are startup flags
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.auth.algorithms=MD5",
            "--tandem.media.advertised-address=127.0.0.1",
            "--tandem.media.bind-address=127.0.0.1",
            "--tandem.turn.port=" + TURN_PORT,
            "--tandem.turn.secret=" + SECRET,
            "--tandem.turn.relay-only=true");

    private static Coturn turn;

    @BeforeAll
    static void turnServer() throws Exception {
        assumeTrue(
                Coturn.installed() || System.getenv("CI") != null,
                "Debian coturn is not installed: run scripts/test.sh, which installs it");
        turn = Coturn.start(
                tandem.process().workDir().resolve("coturn"),
                TURN_PORT,
                FreePorts.udpBlock(RELAY_COUNT),
                RELAY_COUNT,
                SECRET);
        tandem.api().createUser("712", "Desk phone", PASSWORD);
    }

    @AfterAll
    static void stopTurn() {
        if (turn != null) turn.close();
    }

    @Test
    void theBrowserTalksThroughTurnWithItsOwnShortLivedCredential() throws Exception {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        Path tone = wav(tandem.process().workDir().resolve("mic-1000hz.wav"), 1000, 30);
        try (Browser browser = Browser.withFakeMicrophone(tandem.process(), tone);
                Baresip desk = Baresip.start(tandem.process(), "712", PASSWORD, "udp")) {
            createPortalUser(browser, tandem.process(), "711", WEB_PASSWORD);
            browser.logIn("711", WEB_PASSWORD);
            browser.awaitPath("/me");
            browser.element(org.openqa.selenium.By.id("portal-phone-tab")).click();
            shadowClick(browser, "phone-register");
            awaitStatus(browser, "Ready", "the web phone registered: ");

            // what the page gets: TURN at the host it reached the portal at, a credential for 711 only, relay-only
            JsonNode ice = new ObjectMapper()
                    .readTree(
                            (String)
                                    browser.asyncScript(
                                            "const done = arguments[arguments.length - 1];"
                                                    + "document.querySelector('tandem-phone').$server.iceServers(location.hostname).then(done);"));
            assertThat(ice.get("relayOnly").asBoolean()).isTrue();
            JsonNode server = ice.get("iceServers").get(0);
            assertThat(server.get("urls").get(0).asText()).isEqualTo("turn:127.0.0.1:" + TURN_PORT + "?transport=udp");
            String username = server.get("username").asText();
            assertThat(username).matches("\\d+:711");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(expiry - System.currentTimeMillis() / 1000)
                    .as("valid for about 12 h")
                    .isBetween(12 * 3600L - 120, 12 * 3600L + 120);

            // coturn takes it, and refuses a forged credential and an honest one that has expired
            String url = "turn:127.0.0.1:" + TURN_PORT + "?transport=udp";
            assertThat(relayCandidates(
                            browser, url, username, server.get("credential").asText()))
                    .as("relay candidates with the portal's credential")
                    .isPositive();
            assertThat(relayCandidates(browser, url, username, "Zm9yZ2VkLWNyZWRlbnRpYWw="))
                    .as("a forged one")
                    .isZero();
            String expired = (System.currentTimeMillis() / 1000 - 60) + ":711";
            assertThat(relayCandidates(browser, url, expired, hmac(SECRET, expired)))
                    .as("an expired one")
                    .isZero();

            browser.script(
                    "document.querySelector('tandem-phone').shadowRoot.getElementById('phone-number').value='712'");
            shadowClick(browser, "phone-call");
            desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            desk.command("accept", null);
            awaitStatus(browser, "In call", "the call answered: ");
            audioBothWays(browser, desk, "browser through TURN → desk phone");
            Object local = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "document.querySelector('tandem-phone').current.connection.getStats().then(stats => {"
                    + " let pair = null; stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId)"
                    + "  pair = stats.get(s.selectedCandidatePairId); });"
                    + " if (!pair) stats.forEach(s => { if (s.type === 'candidate-pair' && s.nominated"
                    + "  && s.state === 'succeeded') pair = s; });"
                    + " const l = pair && stats.get(pair.localCandidateId);"
                    + " done(l ? l.candidateType + ' ' + l.relayProtocol : 'no selected pair'); });");
            assertThat(String.valueOf(local))
                    .as("the browser's media goes out through its TURN allocation")
                    .startsWith("relay");
            Awaitility.await("coturn relays for 711")
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(turn.log())
                            .contains(":711>")
                            .contains("ALLOCATE processed, success")
                            .contains("CREATE_PERMISSION processed, success"));
            shadowClick(browser, "phone-hangup");
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitStatus(browser, "Ready", "back to ready: ");
        }
    }

    /** How many relay candidates the browser gathers from {@code url} with that credential (0: refused). */
    private static int relayCandidates(Browser browser, String url, String username, String credential) {
        Object n = browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const pc = new RTCPeerConnection({ iceServers: [{ urls: arguments[0], username: arguments[1],"
                        + " credential: arguments[2] }], iceTransportPolicy: 'relay' });"
                        + "let relays = 0; pc.onicecandidate = e => { if (e.candidate && / typ relay /.test(e.candidate.candidate)) relays++; };"
                        + "const finish = () => { pc.close(); done(relays); };"
                        + "pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') finish(); };"
                        + "setTimeout(finish, 8000);"
                        + "pc.createDataChannel('probe'); pc.createOffer().then(o => pc.setLocalDescription(o));",
                url,
                username,
                credential);
        return ((Number) n).intValue();
    }

    private static String hmac(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
