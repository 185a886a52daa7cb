package org.tandem.pbx.voicemail.internal;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.prompt.Prompts;

/** Times said with the prompt set, for the voicemail menus' message envelopes. */
final class Spoken {

    private Spoken() {
    }

    /** "Monday at 9 30 A M", "Friday at 12 o'clock P M". */
    static List<short[]> when(Prompts prompts, ZonedDateTime t) {
        List<short[]> out = new ArrayList<>();
        out.add(prompts.get("day-" + t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT)));
        out.add(prompts.get("date-at"));
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        out.addAll(prompts.number(hour));
        if (t.getMinute() == 0) {
            out.add(prompts.get("time-oclock"));
        } else {
            if (t.getMinute() < 10) out.add(prompts.get("digit-0"));
            out.addAll(prompts.number(t.getMinute()));
        }
        out.add(prompts.get(t.getHour() < 12 ? "time-am" : "time-pm"));
        return out;
    }
}
