package org.tandem.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tandem.media.InvalidSdpException;

/**
 * The reader without regex reads lines and fields as the SDP model read them with regex before (issue 23):
 * {@code split("\r?\n")} and {@code strip()} for lines, {@code trim().split("\\s+")} for fields.
 */
class SdpReaderTest {

    @Test
    void linesAreReadAsSplitAndStripReadThem() {
        // Character.isWhitespace blanks (\u001C, \u2028) strip() drops, and a no-break space it keeps
        char[] alphabet = {'\r', '\n', ' ', '\t', '\u000B', '\u001C', '\u2028', '\u00A0', 'a', 'c', '=', 'x'};
        Random random = new Random(14);
        for (int round = 0; round < 50_000; round++) {
            char[] chars = new char[random.nextInt(16)];
            for (int i = 0; i < chars.length; i++) chars[i] = alphabet[random.nextInt(alphabet.length)];
            String text = new String(chars);
            assertThat(read(text)).as("'%s'", text).isEqualTo(readWithRegex(text));
        }
    }

    @Test
    void fieldsAreSplitAsTrimAndSplitGiveThem() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u0001', '\u001C', 'a', 'b', '/'};
        Random random = new Random(23);
        for (int round = 0; round < 20_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) chars[i] = alphabet[random.nextInt(alphabet.length)];
            String value = new String(chars);
            String[] split =
                    value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
            assertThat(SdpReader.fields(value)).as("'%s'", value).isEqualTo(split);
            String line = "c=" + value;
            assertThat(SdpReader.fields(line, 2, line.length(), 3))
                    .as("'%s', three", value)
                    .isEqualTo(Arrays.copyOf(split, Math.min(3, split.length)));
        }
    }

    private static List<String> read(String text) {
        List<String> lines = new ArrayList<>();
        try {
            SdpReader reader = new SdpReader(text);
            while (reader.next()) {
                assertThat(reader.text().substring(reader.valueStart(), reader.valueEnd()))
                        .isEqualTo(reader.value());
                lines.add(reader.type() + "=" + reader.value());
            }
        } catch (InvalidSdpException e) {
            lines.add("! " + e.getMessage());
        }
        return lines;
    }

    /** How SessionDescription.parse read lines up to ece5b2a0. */
    private static List<String> readWithRegex(String text) {
        List<String> lines = new ArrayList<>();
        if (text.isBlank()) return List.of("! empty SDP body");
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.length() < 2 || line.charAt(1) != '=') {
                lines.add("! not an SDP line: '" + line + "'");
                break;
            }
            lines.add(line);
        }
        return lines;
    }
}
