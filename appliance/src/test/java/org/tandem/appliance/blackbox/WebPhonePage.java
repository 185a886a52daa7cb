package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The portal's Phone tab as the web phone tests drive it: its shadow DOM, its status, what it hears. */
final class WebPhonePage {

    private WebPhonePage() {}

    /** The browser's microphone (a fake one playing a WAV of this tone, {@link #wav}). */
    static final double BROWSER_TONE_HZ = 1000;

    /**
     * The browser's 1000 Hz reaches the desk phone, which decodes it (G.711: baresip has no Opus) and hears it, and
     * the page plays the desk phone's 440 Hz (WebAudio). The browser receives Opus: the relay transcodes between the
     * two (tandem.media.browser-opus, on by default).
     */
    static void audioBothWays(Browser browser, Baresip desk, String call) {
        Awaitility.await(call + ": the browser's audio reaches the desk phone")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Baresip.RtpCounts r = desk.rtp();
                    assertThat(r.received()).as("%s\n%s", call, r.report()).isGreaterThanOrEqualTo(50);
                });
        Awaitility.await(call + ": the desk phone hears the browser's tone")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                org.tandem.appliance.natlab.WavTone.loudestInNewestCall(desk.dir(), BROWSER_TONE_HZ))
                        .as("%s: %.0f Hz in what the desk phone decoded", call, BROWSER_TONE_HZ)
                        .isGreaterThan(1000));
        Object codec = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "document.querySelector('tandem-phone').current.connection.getStats().then(r => { let c = null;"
                + "r.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.codecId && r.get(s.codecId))"
                + " c = r.get(s.codecId).mimeType; }); done(c); });");
        assertThat(String.valueOf(codec))
                .as(call + ": the codec the browser receives")
                .isEqualToIgnoringCase("audio/opus");
        Object peak = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "const s = document.querySelector('tandem-phone').remoteStream;"
                + "if (!s) { done(-1); return; }"
                + "const ctx = new AudioContext(); const an = ctx.createAnalyser(); an.fftSize = 8192;"
                + "ctx.createMediaStreamSource(s).connect(an);"
                + "setTimeout(() => { const d = new Float32Array(an.frequencyBinCount); an.getFloatFrequencyData(d);"
                + "let b = 1; for (let i = 1; i < d.length; i++) if (d[i] > d[b]) b = i;"
                + "done(b * ctx.sampleRate / an.fftSize); }, 2000);");
        assertThat(((Number) peak).doubleValue())
                .as(call + ": the browser plays the desk phone's 440 Hz")
                .isBetween(420.0, 460.0);
    }

    /** Makes {@code extension} a user with {@code webPassword} for the portal, through the admin's Users page. */
    static void createPortalUser(Browser browser, TandemProcess tandem, String extension, String webPassword) {
        browser.logInTo("/users", TandemProcess.ADMIN_USER, tandem.adminPassword());
        browser.click("add-user");
        browser.fill("user-extension", extension);
        browser.fill("user-name", "Web phone user");
        browser.click("generate-password");
        browser.fill("user-web-password", webPassword);
        browser.click("save-user");
        browser.awaitText("users", "Web phone user");
        browser.click("logout");
        browser.awaitPath("/login");
    }

    /** Waits until {@code js} returns true in the page; on failure says what the phone knows. */
    static void awaitPage(Browser browser, String js, String what) {
        try {
            browser.until(() -> Boolean.TRUE.equals(browser.script(js)), what);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed; the page says:\n" + diagnosis(browser), e);
        }
    }

    /**
     * What the page knows: status, call log, the last error and remote SDP, and JsSIP's own state (the session's status:
     * 1 INVITE sent, 2 a provisional answer received, ...; the WebSocket and the registration; ICE's states), which tells
     * a request that never left the browser from one the appliance did not answer.
     */
    static Object diagnosis(Browser browser) {
        return browser.script("const p = document.querySelector('tandem-phone');"
                + "const s = p.current; const pc = s && s.connection;"
                + "return 'status: ' + p.shadowRoot.getElementById('phone-status').textContent"
                + " + '\\nlog: ' + p.shadowRoot.getElementById('phone-log').textContent"
                + " + '\\nJsSIP: session status ' + (s ? s.status : 'none')"
                + " + ', WebSocket ' + (p.ua ? p.ua.isConnected() : 'none')"
                + " + ', registered ' + (p.ua ? p.ua.isRegistered() : 'none')"
                + " + ', ICE gathering ' + (pc ? pc.iceGatheringState : '-')"
                + " + ', ICE ' + (pc ? pc.iceConnectionState : '-')"
                + " + '\\nerror: ' + p.lastError + '\\nremote SDP:\\n' + p.lastRemoteSdp");
    }

    /** Waits for the phone's status to start with {@code prefix}; on failure says what the page knows. */
    static void awaitStatus(Browser browser, String prefix, String what) {
        try {
            browser.until(() -> status(browser).startsWith(prefix), what);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed; the page says:\n" + diagnosis(browser), e);
        }
    }

    static String status(Browser browser) {
        Object s = browser.script("const p = document.querySelector('tandem-phone');"
                + "return p && p.shadowRoot ? p.shadowRoot.getElementById('phone-status').textContent : ''");
        return s == null ? "" : s.toString();
    }

    static boolean shadowPresent(Browser browser, String id) {
        return Boolean.TRUE.equals(browser.script("const p = document.querySelector('tandem-phone');"
                + "return !!(p && p.shadowRoot && p.shadowRoot.getElementById('" + id + "'))"));
    }

    static void shadowClick(Browser browser, String id) {
        browser.until(() -> shadowPresent(browser, id), id + " shown");
        browser.script("document.querySelector('tandem-phone').shadowRoot.getElementById('" + id + "').click()");
    }

    /** A mono 16-bit 48 kHz WAV of a sine: the browser's fake microphone. */
    static Path wav(Path file, double hz, int seconds) throws IOException {
        int rate = 48000;
        int n = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + n * 2)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(n * 2);
        for (int i = 0; i < n; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }
}
