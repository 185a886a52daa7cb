package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The portal's Phone tab (issue 16) in a real Chromium: the user logs into the portal, connects the browser as a
 * phone (JsSIP over ws://…/ws, RFC 7118), calls a desk phone (baresip on UDP) and is called by it. Media is WebRTC from
 * the browser — ICE with the relay's ICE-lite, DTLS-SRTP terminated by the relay — and plain RTP to baresip. Audio is
 * checked both ways: baresip must receive (and decode) the browser's packets, and the page analyses what it plays
 * (WebAudio) and must hear baresip's 440 Hz; hold and resume go through. Then it calls a box without a phone: the
 * voicemail answers through the relay (the media services speak plain RTP) and the browser hears the greeting. Last it
 * calls an IVR, presses 1 (RFC 4733 inside its SRTP) and follows the IVR's REFER to the desk phone.
 */
class WebPhoneIT {

    private static final String PASSWORD = "Web-phone-1";
    private static final String WEB_PASSWORD = "web-phone-portal";
    private static final Duration SIGNALLING = Duration.ofSeconds(15);

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension("--tandem.auth.algorithms=MD5",
            "--tandem.media.advertised-address=127.0.0.1", "--tandem.media.bind-address=127.0.0.1");

    @BeforeAll
    static void users() {
        tandem.api().createUser("702", "Desk phone", PASSWORD);
        tandem.api().createUser("703", "Box without a phone", PASSWORD);
        tandem.api().createUser("704", "Front desk", PASSWORD);
        // 704 forwards to an IVR whose key 1 transfers to the desk phone (a REFER to the caller, RFC 3515)
        TandemApi.Reply menu = tandem.api().send("POST", "/api/v1/ivr-menus",
                "{\"name\":\"main\",\"greetingPrompt\":\"ivr-welcome\",\"options\":{\"1\":\"extension:702\"}}");
        assertThat(menu.status()).as(menu.body()).isEqualTo(201);
        TandemApi.Reply forward = tandem.api().send("PUT", "/api/v1/users/704/call-settings",
                "{\"forwardAlways\":\"ivr:main\"}");
        assertThat(forward.status()).as(forward.body()).isEqualTo(200);
    }

    @Test
    void theBrowserCallsADeskPhoneIsCalledBackAndReachesVoicemailAndAnIvr() throws Exception {
        assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        Path tone = wav(tandem.process().workDir().resolve("mic-1000hz.wav"), 1000, 30);
        try (Browser browser = Browser.withFakeMicrophone(tandem.process(), tone);
             Baresip desk = Baresip.start(tandem.process(), "702", PASSWORD, "udp")) {
            createPortalUser(browser, "701");
            browser.logIn("701", WEB_PASSWORD);
            browser.awaitPath("/me");
            browser.element(org.openqa.selenium.By.id("portal-phone-tab")).click();
            shadowClick(browser, "phone-register");
            awaitStatus(browser, "Ready", "the web phone registered: ");
            assertThat(((Number) browser.script("return document.querySelector('tandem-phone').shadowRoot"
                    + ".getElementById('phone-mic').options.length")).intValue())
                    .as("the browser's microphones offered to choose from").isGreaterThanOrEqualTo(1);
            Awaitility.await("701 and 702 registered").atMost(SIGNALLING).pollInterval(Duration.ofMillis(200))
                    .until(() -> !tandem.api().registrationsOf("701").isEmpty() && !tandem.api().registrationsOf("702").isEmpty());

            browser.script("document.querySelector('tandem-phone').shadowRoot.getElementById('phone-number').value='702'");
            shadowClick(browser, "phone-call");
            desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            desk.command("accept", null);
            awaitStatus(browser, "In call", "the call answered: ");
            audioBothWays(browser, desk, "browser → desk phone");
            browser.screenshot(tandem.process().workDir().resolve("screens").resolve("portal-phone.png"));
            // hold and resume: re-INVITEs through the relay (RFC 3264 §8.4), the DTLS session kept
            shadowClick(browser, "phone-hold");
            awaitPage(browser, "return document.querySelector('tandem-phone').held === true", "the call held");
            awaitPage(browser, "return document.querySelector('tandem-phone').current._isReadyToReOffer()",
                    "the hold's re-INVITE done");
            shadowClick(browser, "phone-hold");
            awaitPage(browser, "return document.querySelector('tandem-phone').held === false", "the call resumed");
            long before = desk.rtp().received();
            Awaitility.await("audio again after resume").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> desk.rtp().received() >= before + 50);
            shadowClick(browser, "phone-hangup");
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitStatus(browser, "Ready", "back to ready: ");

            desk.command("dial", "sip:701@" + tandem.process().sipHostPort());
            browser.until(() -> shadowPresent(browser, "phone-answer"), "the browser rings");
            awaitPage(browser, "const p = document.querySelector('tandem-phone');"
                    + " return p.hasAttribute('ringing') && p.ringer.ctx.state !== 'closed'", "the ring tone plays");
            shadowClick(browser, "phone-answer");
            desk.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitStatus(browser, "In call", "the call answered: ");
            awaitPage(browser, "return !document.querySelector('tandem-phone').hasAttribute('ringing')",
                    "the ring tone stops on answer");
            audioBothWays(browser, desk, "desk phone → browser");
            desk.command("hangup", null);
            awaitStatus(browser, "Ready", "hung up by the desk phone: ");

            // the media services through the relay: 703 has no phone, so its voicemail answers the browser
            browser.script("document.querySelector('tandem-phone').shadowRoot.getElementById('phone-number').value='703'");
            shadowClick(browser, "phone-call");
            awaitStatus(browser, "In call", "the voicemail answered: ");
            Object level = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "const s = document.querySelector('tandem-phone').remoteStream;"
                    + "if (!s) { done(-1); return; }"
                    + "const ctx = new AudioContext(); const an = ctx.createAnalyser(); an.fftSize = 2048;"
                    + "ctx.createMediaStreamSource(s).connect(an); let peak = 0;"
                    + "const t = setInterval(() => { const d = new Float32Array(an.fftSize); an.getFloatTimeDomainData(d);"
                    + "for (const v of d) peak = Math.max(peak, Math.abs(v)); }, 50);"
                    + "setTimeout(() => { clearInterval(t); done(peak); }, 3000);");
            assertThat(((Number) level).doubleValue()).as("the browser hears the voicemail greeting").isGreaterThan(0.02);
            shadowClick(browser, "phone-hangup");
            awaitStatus(browser, "Ready", "hung up on the voicemail: ");
            // DTMF into an IVR (RFC 4733 in the browser's SRTP, decrypted by the relay): key 1 transfers the browser
            // (REFER) to the desk phone, and the browser follows it
            browser.script("document.querySelector('tandem-phone').shadowRoot.getElementById('phone-number').value='704'");
            shadowClick(browser, "phone-call");
            awaitStatus(browser, "In call", "the IVR answered: ");
            Thread.sleep(1500); // into the greeting: the menu takes keys once it plays
            shadowClick(browser, "phone-key-1");
            desk.awaitEvent("CALL_INCOMING", Duration.ofSeconds(20));
            desk.command("accept", null);
            desk.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitStatus(browser, "In call with 702", "the browser transferred to the desk phone: ");
            desk.command("hangup", null);
            awaitStatus(browser, "Ready", "hung up after the transfer: ");

            Awaitility.await("the relay and the media session freed").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> tandem.api().getText("/actuator/prometheus").body().lines()
                            .anyMatch(l -> l.startsWith("tandem_media_relay_streams ") && l.endsWith(" 0.0")));
        }
    }

    private static void audioBothWays(Browser browser, Baresip desk, String call) {
        Awaitility.await(call + ": the browser's audio reaches the desk phone").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    Baresip.RtpCounts r = desk.rtp();
                    assertThat(r.received()).as("%s\n%s", call, r.report()).isGreaterThanOrEqualTo(50);
                });
        Object peak = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "const s = document.querySelector('tandem-phone').remoteStream;"
                + "if (!s) { done(-1); return; }"
                + "const ctx = new AudioContext(); const an = ctx.createAnalyser(); an.fftSize = 8192;"
                + "ctx.createMediaStreamSource(s).connect(an);"
                + "setTimeout(() => { const d = new Float32Array(an.frequencyBinCount); an.getFloatFrequencyData(d);"
                + "let b = 1; for (let i = 1; i < d.length; i++) if (d[i] > d[b]) b = i;"
                + "done(b * ctx.sampleRate / an.fftSize); }, 2000);");
        assertThat(((Number) peak).doubleValue()).as(call + ": the browser plays the desk phone's 440 Hz")
                .isBetween(420.0, 460.0);
    }

    private static void createPortalUser(Browser browser, String extension) {
        browser.logIn(TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        browser.open("/users");
        browser.click("add-user");
        browser.fill("user-extension", extension);
        browser.fill("user-name", "Web phone user");
        browser.click("generate-password");
        browser.fill("user-web-password", WEB_PASSWORD);
        browser.click("save-user");
        browser.awaitText("users", "Web phone user");
        browser.click("logout");
        browser.awaitPath("/login");
    }

    /** Waits until {@code js} returns true in the page; on failure says what the phone knows. */
    private static void awaitPage(Browser browser, String js, String what) {
        try {
            browser.until(() -> Boolean.TRUE.equals(browser.script(js)), what);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed; the page says:\n" + diagnosis(browser), e);
        }
    }

    private static Object diagnosis(Browser browser) {
        return browser.script("const p = document.querySelector('tandem-phone');"
                + "return 'status: ' + p.shadowRoot.getElementById('phone-status').textContent"
                + " + '\\nlog: ' + p.shadowRoot.getElementById('phone-log').textContent"
                + " + '\\nerror: ' + p.lastError + '\\nremote SDP:\\n' + p.lastRemoteSdp");
    }

    /** Waits for the phone's status to start with {@code prefix}; on failure says what the page knows. */
    private static void awaitStatus(Browser browser, String prefix, String what) {
        try {
            browser.until(() -> status(browser).startsWith(prefix), what);
        } catch (RuntimeException e) {
            Object diagnosis = browser.script("const p = document.querySelector('tandem-phone');"
                    + "return 'status: ' + p.shadowRoot.getElementById('phone-status').textContent"
                    + " + '\\nlog: ' + p.shadowRoot.getElementById('phone-log').textContent"
                    + " + '\\nerror: ' + p.lastError + '\\nremote SDP:\\n' + p.lastRemoteSdp");
            throw new AssertionError(what + " failed; the page says:\n" + diagnosis, e);
        }
    }

    private static String status(Browser browser) {
        Object s = browser.script("const p = document.querySelector('tandem-phone');"
                + "return p && p.shadowRoot ? p.shadowRoot.getElementById('phone-status').textContent : ''");
        return s == null ? "" : s.toString();
    }

    private static boolean shadowPresent(Browser browser, String id) {
        return Boolean.TRUE.equals(browser.script("const p = document.querySelector('tandem-phone');"
                + "return !!(p && p.shadowRoot && p.shadowRoot.getElementById('" + id + "'))"));
    }

    private static void shadowClick(Browser browser, String id) {
        browser.until(() -> shadowPresent(browser, id), id + " shown");
        browser.script("document.querySelector('tandem-phone').shadowRoot.getElementById('" + id + "').click()");
    }

    /** A mono 16-bit 48 kHz WAV of a sine: the browser's fake microphone. */
    private static Path wav(Path file, double hz, int seconds) throws IOException {
        int rate = 48000;
        int n = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(n * 2);
        for (int i = 0; i < n; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }
}
