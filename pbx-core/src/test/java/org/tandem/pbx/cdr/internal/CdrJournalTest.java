package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;

/** The call record journal gives back every kind of call event as appended, and drops a record cut short. */
class CdrJournalTest {

    @TempDir
    Path dir;

    static final Instant T = Instant.parse("2026-11-30T08:00:00.123456789Z");

    /** Each event type, with every field set, then with every nullable one null. */
    static final List<Object> EVENTS = List.of(
            new CallStarted(
                    "c1", T, "401", "+4930123", "Ann Ä", "402", CallDirection.INBOUND, "trunk-a", "030123", "linked"),
            new CallStarted("c2", null, null, null, null, null, null, null, null, null),
            new CallRouted("c1", T, "extension:402", "sales", "403"),
            new CallRouted("c2", null, null, null, null),
            new CallTrunkUsed("c1", T, "trunk-a", "+4930999", 183),
            new CallTrunkUsed("c2", null, null, null, 0),
            new CallAnswered("c1", T.plusSeconds(3), "402"),
            new CallAnswered("c2", null, null),
            new CallEnded("c1", T.plusSeconds(9), Disposition.ANSWERED, 200, HangupSide.CALLEE, "normal"),
            new CallEnded("c2", null, null, 0, null, null),
            new CallMedia(
                    "c1", T, true, new CallMedia.Stream(500, 2, 1.25, 80_000L), new CallMedia.Stream(498, 0, 0.5)),
            new CallMedia("c2", null, false, null, null),
            new CallBlocked("c1", T, "blocklist:+4930666"),
            new CallBlocked("c2", null, null),
            new CallQueued("c1", T, "700", CallQueued.Outcome.ANSWERED, 12_345, "404"),
            new CallQueued("c2", null, null, null, 0, null));

    @Test
    void everyEventTypeComesBackAsAppended() throws IOException {
        Path file = dir.resolve("cdr.journal");
        try (CdrJournal journal = new CdrJournal(file)) {
            journal.append(EVENTS.subList(0, 5));
            journal.append(EVENTS.subList(5, EVENTS.size()));
        }
        try (CdrJournal again = new CdrJournal(file)) {
            assertThat(again.read()).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    void aRecordCutShortByACrashIsDroppedWithWhatFollows() throws IOException {
        Path file = dir.resolve("cdr.journal");
        try (CdrJournal journal = new CdrJournal(file)) {
            journal.append(EVENTS.subList(0, 3));
        }
        long whole = Files.size(file);
        try (CdrJournal journal = new CdrJournal(file)) {
            journal.append(EVENTS.subList(3, 4));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) whole + 11), StandardOpenOption.TRUNCATE_EXISTING);

        try (CdrJournal again = new CdrJournal(file)) {
            assertThat(again.read()).containsExactlyElementsOf(EVENTS.subList(0, 3));
            again.reset();
            assertThat(again.read()).isEmpty();
        }
    }

    @Test
    void whatIsNoCallEventIsNotJournalled() throws IOException {
        try (CdrJournal journal = new CdrJournal(dir.resolve("cdr.journal"))) {
            journal.append(List.of("not an event", EVENTS.get(0)));
            assertThat(journal.read()).containsExactly(EVENTS.get(0));
        }
    }
}
