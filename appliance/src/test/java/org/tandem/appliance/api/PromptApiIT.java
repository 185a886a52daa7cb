package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * The prompt set over the REST API: listed with its words; an admin's recording in a common format (44.1 kHz
 * stereo PCM, G.711 mu-law WAV) replaces a shipped prompt and is played as 8 kHz mono (the tone survives the
 * conversion: Goertzel); an own prompt is added and removed, but not while an IVR menu names it (409); a file that
 * is not audio gets 400 on the field and changes nothing.
 */
class PromptApiIT extends ApiTestBase {

    private static byte[] wav(AudioFormat format, double hz, double seconds) throws Exception {
        int frames = (int) (format.getSampleRate() * seconds);
        int channels = format.getChannels();
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) (9000 * Math.sin(2 * Math.PI * hz * i / format.getSampleRate()));
            for (int c = 0; c < channels; c++) pcm.putShort(s);
        }
        AudioFormat linear = new AudioFormat(format.getSampleRate(), 16, channels, true, false);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), linear, frames);
        if (!format.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED))
            in = AudioSystem.getAudioInputStream(format, in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    /** Goertzel amplitude of {@code hz} over the data of an 8 kHz 16-bit mono WAV. */
    private static double amplitude(byte[] wav8k, double hz) {
        ByteBuffer b = ByteBuffer.wrap(wav8k).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(b.getShort(22)).as("channels").isEqualTo((short) 1);
        int n = (wav8k.length - 44) / 2;
        double k = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = b.getShort(44 + 2 * i) + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return Math.sqrt(s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / n;
    }

    private JsonNode prompt(String id) {
        Response r = admin.get("/api/v1/prompts/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anUploadedRecordingReplacesAShippedPromptConvertedTo8kMono() throws Exception {
        JsonNode shipped = prompt("ivr-welcome");
        assertThat(shipped.get("text").asText()).isEqualTo("Thank you for calling.");
        assertThat(shipped.get("shipped").asBoolean()).isTrue();
        assertThat(shipped.get("uploaded").asBoolean()).isFalse();
        double shippedSeconds = shipped.get("seconds").asDouble();

        byte[] cd = wav(new AudioFormat(44100f, 16, 2, true, false), 660, 1.5);
        Response up = admin.sendBytes("PUT", "/api/v1/prompts/ivr-welcome", cd, "audio/wav");
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.json().get("uploaded").asBoolean()).isTrue();
        assertThat(up.json().get("seconds").asDouble()).isBetween(1.45, 1.55);
        byte[] played = admin.getBytes("/api/v1/prompts/ivr-welcome/audio");
        assertThat(amplitude(played, 660))
                .as("the 660 Hz survives resampling and mixing down")
                .isGreaterThan(5000);
        assertThat(amplitude(played, 1000)).isLessThan(500);

        Response back = admin.delete("/api/v1/prompts/ivr-welcome");
        assertThat(back.status()).isEqualTo(204);
        assertThat(prompt("ivr-welcome").get("uploaded").asBoolean()).isFalse();
        assertThat(prompt("ivr-welcome").get("seconds").asDouble()).isEqualTo(shippedSeconds);
    }

    @Test
    void anOwnPromptInMuLawIsAddedListedAndRemoved() throws Exception {
        byte[] ulaw = wav(new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false), 440, 2);
        Response up = admin.sendBytes("PUT", "/api/v1/prompts/sales-greeting", ulaw, "application/octet-stream");
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.json().get("shipped").asBoolean()).isFalse();
        assertThat(admin.get("/api/v1/prompts").json().findValuesAsText("id"))
                .contains("sales-greeting", "ivr-welcome");
        assertThat(amplitude(admin.getBytes("/api/v1/prompts/sales-greeting/audio"), 440))
                .isGreaterThan(5000);

        assertThat(admin.delete("/api/v1/prompts/sales-greeting").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/prompts/sales-greeting").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/prompts/sales-greeting").status()).isEqualTo(404);
    }

    @Test
    void anOwnPromptAMenuStillNamesIsNotRemovedUntilTheMenuChanges() throws Exception {
        byte[] greeting = wav(new AudioFormat(8000f, 16, 1, true, false), 440, 1);
        assertThat(admin.sendBytes("PUT", "/api/v1/prompts/night-greeting", greeting, "audio/wav")
                        .status())
                .isEqualTo(200);
        Response menu = admin.post(
                "/api/v1/ivr-menus",
                "{\"name\":\"night\",\"greetingPrompt\":\"night-greeting\"," + "\"options\":{\"#\":\"hangup\"}}");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(201);

        Response refused = admin.delete("/api/v1/prompts/night-greeting");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("in use");
        assertThat(refused.json().get("message").asText()).contains("IVR menu night (greeting)");
        assertThat(admin.get("/api/v1/prompts/night-greeting").status())
                .as("the prompt is kept")
                .isEqualTo(200);

        assertThat(admin.delete("/api/v1/ivr-menus/night").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/prompts/night-greeting").status()).isEqualTo(204);
    }

    @Test
    void aFileThatIsNotAudioOrABadIdIsRefusedOnItsFieldAndChangesNothing() {
        Response notAudio =
                admin.sendBytes("PUT", "/api/v1/prompts/goodbye", "hello, not a wav".getBytes(), "audio/wav");
        assertThat(notAudio.status()).isEqualTo(400);
        assertThat(notAudio.json().get("fields").get("file").asText()).contains("not an audio file");
        assertNoStackTrace(notAudio);
        assertThat(prompt("goodbye").get("uploaded").asBoolean()).isFalse();

        Response badId = admin.sendBytes("PUT", "/api/v1/prompts/Bad%20Id", new byte[] {1, 2}, "audio/wav");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("fields").has("id")).isTrue();
        assertThat(anonymous.get("/api/v1/prompts").status()).isEqualTo(401);
    }
}
