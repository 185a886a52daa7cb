package org.tandem.pbx.prompt.internal;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.prompt.Speaker;

/** What the speakers share: the range said as words, and the day prompts' ids (named in English in every set). */
abstract class Words implements Speaker {

    /** Numbers up to this are said as words; larger ones digit by digit (as phone systems do). */
    static final int LARGEST = 999;

    static boolean inWords(int n) {
        return n >= 0 && n <= LARGEST;
    }

    static String day(ZonedDateTime t) {
        return "day-"
                + t.getDayOfWeek()
                        .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT);
    }

    static List<String> out() {
        return new ArrayList<>();
    }
}
