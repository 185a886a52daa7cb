package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The Prompts page in real headless Chromium against the jar: an admin uploads a 44.1 kHz stereo WAV as an own
 * prompt (the API then lists it, converted to 8 kHz), plays a prompt in the page's audio player (the browser
 * loads and plays it), and a file that is not audio is refused next to the upload with nothing saved.
 */
class PromptsPageIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    private Browser browser;

    @BeforeAll
    static void chromiumInstalled() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(tandem.process());
        browser.logInTo(
                "/about",
                TandemProcess.ADMIN_USER,
                tandem.process().adminPassword()); // not the dashboard: every test opens its page
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    private static Path cdQualityTone(Path dir) throws Exception {
        int frames = 44100 * 2;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) (9000 * Math.sin(2 * Math.PI * 523 * i / 44100.0));
            pcm.putShort(s).putShort(s);
        }
        AudioInputStream in = new AudioInputStream(
                new ByteArrayInputStream(pcm.array()), new AudioFormat(44100f, 16, 2, true, false), frames);
        Path file = dir.resolve("sales-greeting.wav");
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    private void name(String promptId) {
        browser.fill("prompt-id", promptId);
        browser.element(By.cssSelector("#prompt-id input")).sendKeys(org.openqa.selenium.Keys.TAB);
    }

    private void upload(Path file) {
        browser.until(
                () -> browser.byId("prompt-upload")
                                .getShadowRoot()
                                .findElements(By.cssSelector("input[type=file]"))
                                .size()
                        == 1,
                "the file input of #prompt-upload");
        browser.byId("prompt-upload")
                .getShadowRoot()
                .findElement(By.cssSelector("input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
    }

    @Test
    void anAdminAddsAnOwnPromptPlaysOneAndABadFileIsRefusedAtTheUpload() throws Exception {
        Path dir = Files.createDirectories(tandem.process().workDir().resolve("uploads"));
        browser.open("/prompts");
        name("Sales Greeting");
        // another file than the next upload's: a browser's file input takes the same file twice in a row silently
        upload(Files.copy(cdQualityTone(dir), dir.resolve("refused.wav"), StandardCopyOption.REPLACE_EXISTING));
        assertThat(browser.fieldError("prompt-id")).contains("lower-case letters");
        assertThat(browser.text("prompt-upload-error") + browser.text("prompt-form-error"))
                .as("the error at its field only")
                .isEmpty();
        assertThat(tandem.api().send("GET", "/api/v1/prompts", null).body())
                .as("nothing saved")
                .doesNotContain("Sales Greeting");
        name("sales-greeting");
        upload(cdQualityTone(dir));
        browser.awaitText("prompts-grid", "sales-greeting");
        assertThat(browser.invalid("prompt-id")).as("the earlier error gone").isFalse();
        TandemApi.Reply listed = tandem.api().send("GET", "/api/v1/prompts/sales-greeting", null);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode p = listed.json();
        assertThat(p.get("shipped").asBoolean()).isFalse();
        assertThat(p.get("seconds").asDouble()).isBetween(1.95, 2.05);

        // the browser's own audio element loads and plays the prompt the page serves
        browser.click("play-sales-greeting");
        browser.until(
                () -> {
                    Object playing = browser.script(
                            "var a = document.querySelector('#prompt-player');"
                                    + " return a != null && a.readyState >= 2 && a.currentTime > 0 && Math.abs(a.duration - 2.0) < 0.1;");
                    return Boolean.TRUE.equals(playing);
                },
                "the audio player playing sales-greeting (2 s)");
        browser.screenshot(tandem.process().workDir().resolve("screens").resolve("prompts.png"));

        Path notAudio = Files.writeString(dir.resolve("notes.wav"), "this is not a recording");
        name("goodbye");
        upload(notAudio);
        browser.awaitText("prompt-upload-error", "not an audio file");
        assertThat(tandem.api()
                        .send("GET", "/api/v1/prompts/goodbye", null)
                        .json()
                        .get("uploaded")
                        .asBoolean())
                .as("nothing saved")
                .isFalse();
    }
}
