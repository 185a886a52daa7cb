package org.tandem.pbx.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped prompt sets ({@code scripts/make-prompts.sh <lang>}), English, German, French and Spanish: every id
 * of a manifest has a WAV the media engine can play (PCM, 8 kHz, 16-bit, mono, not silent), and no WAV is missing
 * from the manifest. The English set covers what the media services say; every other language has all English ids.
 */
class PromptSetTest {

    private static final Path PROMPTS = Path.of("src/main/resources/prompts");
    private static final Path DIR = PROMPTS.resolve("en");

    private static Map<String, String> manifest() throws IOException {
        return manifest(DIR);
    }

    private static Map<String, String> manifest(Path dir) throws IOException {
        Map<String, String> prompts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("prompts.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\\|", 2);
            assertThat(p).as(line).hasSize(2);
            assertThat(p[0]).as("prompt id").matches("[a-z0-9-]+");
            assertThat(p[1]).as(p[0]).isNotBlank();
            assertThat(prompts.put(p[0], p[1])).as("duplicate id " + p[0]).isNull();
        }
        return prompts;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "de", "fr", "es"})
    void everyManifestIdHasAPlayableWavAndNoWavIsUnlisted(String language) throws IOException {
        Path dir = PROMPTS.resolve(language);
        Map<String, String> prompts = manifest(dir);
        List<String> wavs;
        try (Stream<Path> files = Files.list(dir)) {
            wavs = files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("prompts.txt"))
                    .sorted()
                    .toList();
        }
        assertThat(wavs).allMatch(n -> n.endsWith(".wav"));
        assertThat(wavs.stream().map(n -> n.substring(0, n.length() - 4)).toList())
                .containsExactlyInAnyOrderElementsOf(prompts.keySet());
        List<String> problems = new ArrayList<>();
        for (String id : prompts.keySet()) {
            String problem = check(Files.readAllBytes(dir.resolve(id + ".wav")));
            if (problem != null) problems.add(id + ": " + problem);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSetCoversTheMediaServices() throws IOException {
        Map<String, String> prompts = manifest();
        for (int d = 0; d <= 9; d++) assertThat(prompts).containsKey("digit-" + d);
        for (int n = 1; n <= 31; n++) assertThat(prompts).containsKey("ord-" + n);
        assertThat(prompts)
                .containsKeys(
                        "beep",
                        "moh-default",
                        "goodbye",
                        "vm-enter-pin",
                        "vm-main-menu",
                        "vm-message-menu",
                        "vm-leave-message",
                        "vm-you-have",
                        "conf-joining",
                        "conf-join-tone",
                        "ivr-welcome",
                        "ivr-invalid-option",
                        "park-parked-at",
                        "pin-enter",
                        "err-invalid-number",
                        "month-december",
                        "day-sunday",
                        "time-pm");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"de", "fr", "es"})
    void everyLanguageHasEveryEnglishIdWithTheSameTonesAndMusic(String language) throws IOException {
        Map<String, String> english = manifest();
        Map<String, String> translated = manifest(PROMPTS.resolve(language));
        assertThat(translated.keySet()).containsAll(english.keySet());
        english.forEach((id, text) -> {
            if (text.startsWith("sox:"))
                assertThat(translated.get(id)).as(language + " " + id).isEqualTo(text);
            else assertThat(translated.get(id)).as(language + " " + id).doesNotStartWith("sox:");
        });
    }

    /** Null when {@code wav} is a non-silent 8 kHz 16-bit mono PCM WAV, else what is wrong. */
    static String check(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 44 || !tag(wav, 0).equals("RIFF") || !tag(wav, 8).equals("WAVE"))
            return "not a RIFF/WAVE file";
        int pos = 12;
        boolean format = false;
        while (pos + 8 <= wav.length) {
            String id = tag(wav, pos);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                if (b.getShort(pos + 8) != 1) return "not PCM";
                if (b.getShort(pos + 10) != 1) return "not mono";
                if (b.getInt(pos + 12) != 8000) return "not 8 kHz: " + b.getInt(pos + 12);
                if (b.getShort(pos + 22) != 16) return "not 16-bit";
                format = true;
            } else if (id.equals("data")) {
                if (!format) return "data before fmt";
                if (size <= 0 || size % 2 != 0 || pos + 8 + size > wav.length) return "bad data size " + size;
                if (size < 8000 * 2 / 10) return "shorter than 0.1 s";
                long sumSquares = 0;
                for (int i = pos + 8; i < pos + 8 + size; i += 2) sumSquares += (long) b.getShort(i) * b.getShort(i);
                double rms = Math.sqrt(sumSquares / (size / 2.0));
                return rms < 300 ? "silent (RMS " + Math.round(rms) + ")" : null;
            }
            pos += 8 + size + (size & 1);
        }
        return "no data chunk";
    }

    private static String tag(byte[] wav, int at) {
        return new String(wav, at, 4, StandardCharsets.US_ASCII);
    }
}
