package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.prompt.Prompts;

/** The position announcement with the shipped prompts: the estimate only when known, in minutes; the leave key. */
class QueueAnnouncementTest {

    @TempDir
    Path data;

    private List<short[]> expected(Prompts p, String... ids) {
        List<short[]> out = new ArrayList<>();
        for (String id : ids) out.add(p.get(id));
        return out;
    }

    @Test
    void anUnknownEstimateIsNotSaid() {
        Prompts p = new Prompts(data);
        assertThat(QueueAnnouncement.of(p.in(org.tandem.pbx.prompt.Language.EN), 2, OptionalLong.empty(), null))
                .containsExactlyElementsOf(expected(p, "queue-you-are-caller", "digit-2", "queue-in-line"));
    }

    @Test
    void theEstimateIsSaidInWholeMinutesOrAsLessThanAMinute() {
        Prompts p = new Prompts(data);
        assertThat(QueueAnnouncement.of(p.in(org.tandem.pbx.prompt.Language.EN), 1, OptionalLong.of(59), null))
                .containsExactlyElementsOf(
                        expected(p, "queue-you-are-caller", "digit-1", "queue-in-line", "queue-wait-under-a-minute"));
        assertThat(QueueAnnouncement.of(p.in(org.tandem.pbx.prompt.Language.EN), 1, OptionalLong.of(80), null))
                .containsExactlyElementsOf(expected(
                        p,
                        "queue-you-are-caller",
                        "digit-1",
                        "queue-in-line",
                        "queue-estimated-wait",
                        "digit-1",
                        "queue-minute"));
        assertThat(QueueAnnouncement.of(
                        p.in(org.tandem.pbx.prompt.Language.EN), 3, OptionalLong.of(21 * 60 + 20), null))
                .containsExactlyElementsOf(expected(
                        p,
                        "queue-you-are-caller",
                        "digit-3",
                        "queue-in-line",
                        "queue-estimated-wait",
                        "num-20",
                        "digit-1",
                        "queue-minutes"));
    }

    @Test
    void theLeaveKeyIsSaidLast() {
        Prompts p = new Prompts(data);
        assertThat(QueueAnnouncement.of(p.in(org.tandem.pbx.prompt.Language.EN), 4, OptionalLong.empty(), "#"))
                .containsExactlyElementsOf(expected(
                        p, "queue-you-are-caller", "digit-4", "queue-in-line", "queue-to-leave-press", "hash"));
    }
}
