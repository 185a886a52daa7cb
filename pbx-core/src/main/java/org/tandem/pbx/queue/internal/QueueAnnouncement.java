package org.tandem.pbx.queue.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.tandem.pbx.prompt.LanguagePrompts;

/**
 * What a waiting caller hears every {@code announceSeconds}: "you are caller number 2 in line", then the estimated
 * wait when one is known ("your estimated wait is about 3 minutes", or "less than a minute"; nothing when unknown), then
 * the leave key when the queue has one ("to leave the line, press 1").
 */
final class QueueAnnouncement {

    private QueueAnnouncement() {}

    static List<short[]> of(LanguagePrompts prompts, int position, OptionalLong estimateSeconds, String leaveKey) {
        List<short[]> said = new ArrayList<>(prompts.all("queue-you-are-caller"));
        said.addAll(prompts.number(Math.max(1, position)));
        said.addAll(prompts.all("queue-in-line"));
        if (estimateSeconds.isPresent()) {
            long seconds = estimateSeconds.getAsLong();
            if (seconds < 60) {
                said.addAll(prompts.all("queue-wait-under-a-minute"));
            } else {
                int minutes = (int) Math.min(999, Math.round(seconds / 60.0));
                said.addAll(prompts.all("queue-estimated-wait"));
                said.addAll(prompts.number(minutes));
                said.addAll(prompts.all(minutes == 1 ? "queue-minute" : "queue-minutes"));
            }
        }
        if (leaveKey != null) {
            said.addAll(prompts.all("queue-to-leave-press"));
            said.addAll(prompts.digits(leaveKey));
        }
        return said;
    }
}
