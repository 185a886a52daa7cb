package org.tandem.pbx.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.Wav;
import org.tandem.pbx.validation.InUseException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The prompts by language: each shipped set is its own (German "goodbye" is not the English one), an admin's upload
 * replaces a prompt in one language only and survives a restart, a prompt a language lacks is played in English,
 * and an own prompt an IVR menu names cannot vanish from the last language that has it.
 */
class PromptsLanguageTest {

    @TempDir
    Path data;

    private static byte[] tone(int length) {
        short[] pcm = new short[length];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        return Wav.bytes(pcm);
    }

    @Test
    void everyLanguageSpeaksFromItsOwnSet() {
        Prompts prompts = new Prompts(data);
        assertThat(prompts.in(Language.DE).get("goodbye"))
                .isNotEqualTo(prompts.in(Language.EN).get("goodbye"));
        assertThat(prompts.in(Language.FR).get("goodbye"))
                .isNotEqualTo(prompts.in(Language.ES).get("goodbye"));
        assertThat(prompts.get("goodbye")).isSameAs(prompts.in(Language.EN).get("goodbye"));
        assertThat(prompts.text(Language.DE, "goodbye")).isEqualTo("Auf Wiederhören.");
        assertThat(prompts.text(Language.FR, "num-70")).isEqualTo("soixante-dix");
        assertThat(prompts.has(Language.ES, "num-21-un")).isTrue();
        assertThat(prompts.has(Language.EN, "num-21-un")).isFalse();
        // the words of "einundzwanzig neue Nachrichten", in order
        assertThat(prompts.in(Language.DE).count(21, Counted.NEW_MESSAGES))
                .containsExactly(
                        prompts.in(Language.DE).get("num-ein"),
                                prompts.in(Language.DE).get("num-und"),
                        prompts.in(Language.DE).get("num-20"),
                                prompts.in(Language.DE).get("vm-new-messages"));
    }

    @Test
    void anUploadReplacesThePromptInItsLanguageOnlyAndSurvivesARestart() {
        Prompts prompts = new Prompts(data);
        short[] english = prompts.in(Language.EN).get("goodbye");
        prompts.upload(Language.DE, "goodbye", tone(4000));

        assertThat(prompts.in(Language.DE).get("goodbye")).hasSize(4000);
        assertThat(prompts.in(Language.EN).get("goodbye")).isSameAs(english);
        assertThat(prompts.isUploaded(Language.DE, "goodbye")).isTrue();
        assertThat(prompts.isUploaded(Language.EN, "goodbye")).isFalse();
        assertThat(Files.isRegularFile(data.resolve("prompts/de/goodbye.wav"))).isTrue();
        assertThat(new Prompts(data).in(Language.DE).get("goodbye")).hasSize(4000);

        assertThat(prompts.removeUpload(Language.DE, "goodbye")).isTrue();
        assertThat(prompts.in(Language.DE).get("goodbye")).isNotEqualTo(english).hasSizeGreaterThan(4000);
        assertThat(prompts.removeUpload(Language.DE, "goodbye")).isFalse();
    }

    @Test
    void aPromptALanguageLacksIsPlayedInEnglish() {
        Prompts prompts = new Prompts(data);
        prompts.upload("sales-greeting", tone(2400)); // English only
        assertThat(prompts.in(Language.FR).get("sales-greeting")).hasSize(2400);
        assertThat(prompts.has(Language.FR, "sales-greeting")).isFalse();
        assertThat(prompts.ids(Language.FR)).contains("sales-greeting", "num-80-compound");
        assertThat(prompts.exists("sales-greeting")).isTrue();
        prompts.upload(Language.FR, "sales-greeting", tone(1600));
        assertThat(prompts.in(Language.FR).get("sales-greeting")).hasSize(1600);
        assertThat(prompts.in(Language.ES).get("sales-greeting")).hasSize(2400);
        assertThatThrownBy(() -> prompts.in(Language.ES).get("never-uploaded"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOwnPromptInUseCannotVanishFromItsLastLanguage() {
        Prompts prompts = new Prompts(data);
        prompts.checkUsesWith(() -> List.of(id -> id.equals("night-greeting") ? List.of("IVR menu night") : List.of()));
        prompts.upload(Language.DE, "night-greeting", tone(1600));
        prompts.upload(Language.EN, "night-greeting", tone(2400));
        assertThat(prompts.in(Language.DE).get("night-greeting")).hasSize(1600);

        assertThat(prompts.removeUpload(Language.EN, "night-greeting")).isTrue(); // German still has it
        assertThat(prompts.in(Language.EN).get("night-greeting")).hasSize(1600); // from the only language left
        assertThatThrownBy(() -> prompts.removeUpload(Language.DE, "night-greeting"))
                .isInstanceOf(InUseException.class)
                .hasMessageContaining("IVR menu night");
        assertThat(prompts.exists("night-greeting")).isTrue();
    }

    @Test
    void aBadIdIsNamed() {
        Prompts prompts = new Prompts(data);
        assertThatThrownBy(() -> prompts.upload(Language.ES, "Bad Id", tone(800)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("id"));
    }
}
