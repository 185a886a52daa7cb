package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.blackbox.Browser;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * "A user plays a voicemail in the portal" (issue 5), in headless Chromium against the Spring-started appliance:
 * the user sees the message in their portal, the browser's audio element loads and plays it (2 s), the bytes it
 * fetches with the user's session are exactly the stored WAV, another user's session gets nothing for the same
 * URL; the user deletes it (gone from the store) and changes the voicemail PIN, a bad PIN shown at its field.
 */
@PagesAppliance
class PortalVoicemailIT extends ApiTestBase {

    @Autowired
    VoicemailStore store;

    @Autowired
    VoicemailBoxes boxes;

    @Autowired
    WebPasswords webPasswords;

    private static Path wav(Path file, double hz, double seconds) throws Exception {
        int n = (int) (8000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + n * 2)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(n * 2);
        for (int i = 0; i < n; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        return Files.write(file, b.array());
    }

    @Test
    void aUserPlaysAVoicemailInThePortal(@TempDir Path work) throws Exception {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        directory.create(new UserDraft("731", "Vera Voicemail", "sip-secret-731", null));
        directory.create(new UserDraft("732", "Otto Other", "sip-secret-732", null));
        webPasswords.set("731", "vera-portal-pw");
        webPasswords.set("732", "otto-portal-pw");
        VoicemailMessage m = store.deposit(
                "731", "0301234567", "Alice Caller", wav(work.resolve("m.wav"), 440, 2), Duration.ofSeconds(2));
        String stored = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(store.audio(m.id()).orElseThrow())));

        String audioUrl;
        try (Browser vera =
                new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("b1")))) {
            vera.logIn("731", "vera-portal-pw");
            vera.awaitPath("/me");
            vera.click("tab-voicemail");
            vera.awaitText("vm-messages", "Alice Caller <0301234567>");

            vera.click("vm-play-" + m.id());
            vera.until(
                    () -> Boolean.TRUE.equals(
                            vera.script(
                                    "var a = document.querySelector('#vm-player');"
                                            + " return a != null && a.readyState >= 2 && a.currentTime > 0 && Math.abs(a.duration - 2.0) < 0.1;")),
                    "the audio player playing the 2 s message");
            audioUrl = (String) vera.script("return document.querySelector('#vm-player').src");
            // issue 17, item 12: a message heard in the portal is no longer new
            vera.until(
                    () -> store.find(m.id())
                            .map(x -> x.folder() == org.tandem.pbx.voicemail.Folder.SAVED)
                            .orElse(false),
                    "the played message moved out of the new ones");
            assertThat(vera.fetchDigest(audioUrl))
                    .as("the bytes the browser gets are the stored WAV")
                    .startsWith("200 " + stored + " ");
            vera.screenshot(work.resolve("portal-voicemail.png"));
            Files.createDirectories(Path.of("target", "screens"));
            Files.copy(
                    work.resolve("portal-voicemail.png"),
                    Path.of("target", "screens", "portal-voicemail.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            vera.fill("vm-pin", "12");
            vera.click("vm-change-pin");
            vera.until(
                    () -> vera.fieldError("vm-pin") != null
                            && vera.fieldError("vm-pin").contains("4 to 10 digits"),
                    "the PIN's error under its field");
            assertThat(boxes.pinMatches("731", "12"))
                    .as("a refused PIN is not saved")
                    .isFalse();
            assertThat(vera.text("vm-pin-error"))
                    .as("the error at its field only")
                    .isEmpty();
            vera.fill("vm-pin", "2468");
            vera.click("vm-change-pin");
            vera.until(() -> boxes.pinMatches("731", "2468"), "the new PIN saved");
            vera.until(
                    () -> vera.value("vm-pin").isEmpty() && !vera.invalid("vm-pin"),
                    "the PIN field emptied, its error gone");

            try (Browser otto =
                    new Browser(URI.create("http://127.0.0.1:" + port), Files.createDirectories(work.resolve("b2")))) {
                otto.logIn("732", "otto-portal-pw");
                otto.awaitPath("/me");
                assertThat(otto.fetchDigest(audioUrl))
                        .as("another user's session gets nothing")
                        .doesNotStartWith("200 ");
            }

            vera.click("vm-delete-" + m.id());
            vera.awaitText("confirm-delete-text", "Deleting it cannot be undone"); // issue 17: every delete asks
            assertThat(store.find(m.id())).as("asked first").isPresent();
            vera.click("confirm-delete-ok");
            vera.until(() -> store.list("731", null).isEmpty(), "the message deleted");
        }
        assertThat(store.find(m.id())).isEmpty();
    }
}
