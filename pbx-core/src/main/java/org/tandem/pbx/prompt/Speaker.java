package org.tandem.pbx.prompt;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.prompt.internal.EnglishSpeaker;
import org.tandem.pbx.prompt.internal.FrenchSpeaker;
import org.tandem.pbx.prompt.internal.GermanSpeaker;
import org.tandem.pbx.prompt.internal.SpanishSpeaker;

/**
 * How one language says numbers, counts, and times, as prompt ids of that language's set ("einundzwanzig" is
 * {@code num-ein num-und num-20}). Numbers from 0 to 999 are said as words; larger ones digit by digit.
 * {@link Prompts#in(Language)} turns the ids into audio.
 */
public interface Speaker {

    Language language();

    /** A number standing alone: a queue position, "caller number one" ("eins", "un", "uno"). */
    List<String> cardinal(int n);

    /** A count followed by its noun, the number agreeing with it: "21 new messages", or the "none" phrase for 0. */
    List<String> count(int n, Counted what);

    /** When a message came: the day of the week and the time ("Monday at 9 30 A M", "Montag um neun Uhr dreißig"). */
    List<String> dayAndTime(ZonedDateTime t);

    /** A number said digit by digit ("two zero one"); '*' and '#' as star and pound, other characters skipped. */
    default List<String> digits(String number) {
        List<String> out = new ArrayList<>();
        for (char c : number.toCharArray()) {
            if (c >= '0' && c <= '9') out.add("digit-" + c);
            else if (c == '*') out.add("star");
            else if (c == '#') out.add("hash");
        }
        return out;
    }

    static Speaker of(Language language) {
        return switch (language) {
            case EN -> EnglishSpeaker.INSTANCE;
            case DE -> GermanSpeaker.INSTANCE;
            case FR -> FrenchSpeaker.INSTANCE;
            case ES -> SpanishSpeaker.INSTANCE;
        };
    }
}
