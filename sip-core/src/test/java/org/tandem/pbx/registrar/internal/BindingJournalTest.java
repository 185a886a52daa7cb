package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.registrar.Binding;

/** The journal gives back what was appended, and a record cut short by a crash is dropped, not misread. */
class BindingJournalTest {

    @TempDir
    Path dir;

    static final Instant T = Instant.parse("2026-11-26T10:00:00.123456789Z");
    static final Binding B = new Binding(
            "101",
            "sip:101@192.0.2.7:5062;transport=tcp;ob",
            "a@b",
            42,
            T.plusSeconds(600),
            500,
            "192.0.2.7",
            5062,
            "TCP",
            "Yealink SIP-T46U 108.86 — ü",
            null,
            1,
            T);

    @Test
    void everyKindOfChangeRoundTrips() throws Exception {
        List<BindingOp> ops = List.of(
                new BindingOp.Apply("101", List.of(B), List.of("sip:old@x")),
                new BindingOp.DeleteAor("102"),
                new BindingOp.DeleteExpired(T));
        try (BindingJournal j = new BindingJournal(dir.resolve("j"), true)) {
            j.append(ops.subList(0, 1));
            j.append(ops.subList(1, 3));
        }
        try (BindingJournal j = new BindingJournal(dir.resolve("j"), false)) {
            assertThat(j.read()).isEqualTo(ops);
            j.append(List.of(new BindingOp.DeleteAor("103")));
            assertThat(j.read()).hasSize(4).last().isEqualTo(new BindingOp.DeleteAor("103"));
            j.reset();
            assertThat(j.read()).isEmpty();
        }
    }

    /**
     * Rotated changes are read before the newer ones, by a later start too, and deleted alone; the numbering goes on
     * after a start that found rotated files (their order is the order of the changes).
     */
    @Test
    void rotatedChangesComeFirstAndAreDiscardedAlone() throws Exception {
        BindingOp a = new BindingOp.DeleteAor("a");
        BindingOp b = new BindingOp.DeleteAor("b");
        BindingOp c = new BindingOp.DeleteAor("c");
        try (BindingJournal j = new BindingJournal(dir.resolve("j"), false)) {
            j.append(List.of(a));
            j.rotate();
            j.append(List.of(b));
            assertThat(j.read()).containsExactly(a, b);
        }
        try (BindingJournal j = new BindingJournal(dir.resolve("j"), true)) { // a start after a crash
            assertThat(j.read()).containsExactly(a, b);
            j.rotate();
            j.append(List.of(c));
            assertThat(Files.exists(dir.resolve("j.2")))
                    .as("numbered after the file found")
                    .isTrue();
            assertThat(j.read()).containsExactly(a, b, c);
            j.discardRotated();
            assertThat(j.read()).containsExactly(c);
            j.reset();
            assertThat(j.read()).isEmpty();
        }
    }

    @Test
    void aTornLastRecordIsDroppedWithNothingAfterIt() throws Exception {
        Path file = dir.resolve("j");
        try (BindingJournal j = new BindingJournal(file, false)) {
            j.append(List.of(new BindingOp.Apply("101", List.of(B), List.of()), new BindingOp.DeleteAor("102")));
        }
        long whole = Files.size(file);
        byte[] bytes = Files.readAllBytes(file);
        // cut the second record in half, as a kill in the middle of write() would
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) whole - 5));
        try (BindingJournal j = new BindingJournal(file, false)) {
            assertThat(j.read()).containsExactly(new BindingOp.Apply("101", List.of(B), List.of()));
        }
        // a flipped byte inside the first record: its CRC fails, nothing is read
        bytes[20] ^= 0x40;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        try (BindingJournal j = new BindingJournal(file, false)) {
            assertThat(j.read()).isEmpty();
        }
    }
}
