package org.tandem.pbx.prompt.internal;

import java.time.ZonedDateTime;
import java.util.List;
import org.tandem.pbx.prompt.Counted;
import org.tandem.pbx.prompt.Language;

/**
 * German: units before tens joined by "und" ("einundzwanzig" = ein, und, zwanzig); "eins" standing alone but "ein"
 * inside a number and before "Uhr", "eine" before a feminine noun ("eine neue Nachricht"); "keine neuen
 * Nachrichten" for none; the 24-hour clock ("Montag um einundzwanzig Uhr fünf").
 */
public final class GermanSpeaker extends Words {

    public static final GermanSpeaker INSTANCE = new GermanSpeaker();

    private GermanSpeaker() {}

    @Override
    public Language language() {
        return Language.DE;
    }

    @Override
    public List<String> cardinal(int n) {
        if (!inWords(n)) return digits(Integer.toString(n));
        List<String> out = out();
        if (n >= 100) {
            out.add(n / 100 == 1 ? "num-ein" : "digit-" + n / 100); // einhundert, zweihundert
            out.add("num-hundred");
            n %= 100;
            if (n == 0) return out;
        }
        if (n < 10) {
            out.add("digit-" + n); // eins at the end: hunderteins
        } else if (n < 20) {
            out.add("num-" + n);
        } else {
            int unit = n % 10;
            if (unit != 0) {
                out.add(unit == 1 ? "num-ein" : "digit-" + unit);
                out.add("num-und");
            }
            out.add("num-" + (n - unit));
        }
        return out;
    }

    @Override
    public List<String> count(int n, Counted what) {
        if (n == 0) return List.of(what.none());
        List<String> out = out();
        if (n == 1) {
            out.add("num-eine"); // die Nachricht: both counted nouns are feminine
            out.add(what.one());
        } else {
            out.addAll(cardinal(n));
            out.add(what.several());
        }
        return out;
    }

    @Override
    public List<String> dayAndTime(ZonedDateTime t) {
        List<String> out = out();
        out.add(day(t));
        out.add("date-at");
        if (t.getHour() == 1) out.add("num-ein"); // ein Uhr, not eins Uhr
        else out.addAll(cardinal(t.getHour()));
        out.add("time-oclock");
        if (t.getMinute() != 0) out.addAll(cardinal(t.getMinute()));
        return out;
    }
}
