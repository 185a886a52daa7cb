package org.tandem.pbx.prompt.internal;

import java.time.ZonedDateTime;
import java.util.List;
import org.tandem.pbx.prompt.Counted;
import org.tandem.pbx.prompt.Language;

/**
 * French: "et un" in 21 .. 71 ("vingt et un", "soixante et onze"), 70 .. 79 as sixty plus ten to nineteen
 * ("soixante-douze"), "quatre-vingts" but "quatre-vingt-un" and "quatre-vingt-dix"; "cent", "deux cents" but
 * "deux cent un"; "une" for feminine nouns, so for hours ("vingt et une heures", "une heure").
 */
public final class FrenchSpeaker extends Words {

    public static final FrenchSpeaker INSTANCE = new FrenchSpeaker();

    private FrenchSpeaker() {}

    @Override
    public Language language() {
        return Language.FR;
    }

    @Override
    public List<String> cardinal(int n) {
        return words(n, false);
    }

    @Override
    public List<String> count(int n, Counted what) {
        List<String> out = out();
        if (n == 0) {
            out.add("vm-no"); // aucun nouveau message: the singular after "aucun"
            out.add(what.one());
            return out;
        }
        out.addAll(words(n, false)); // le message: both counted nouns are masculine
        out.add(n == 1 ? what.one() : what.several());
        return out;
    }

    @Override
    public List<String> dayAndTime(ZonedDateTime t) {
        List<String> out = out();
        out.add(day(t));
        out.add("date-at");
        out.addAll(words(t.getHour(), true)); // l'heure is feminine: une heure, vingt et une heures
        out.add(t.getHour() <= 1 ? "time-hour" : "time-hours");
        if (t.getMinute() != 0) out.addAll(words(t.getMinute(), true)); // la minute: neuf heures une
        return out;
    }

    private List<String> words(int n, boolean feminine) {
        if (!inWords(n)) return digits(Integer.toString(n));
        List<String> out = out();
        if (n >= 100) {
            int hundreds = n / 100;
            n %= 100;
            if (hundreds > 1) out.add("digit-" + hundreds);
            out.add(hundreds > 1 && n == 0 ? "num-hundreds" : "num-hundred"); // deux cents, deux cent un, cent
            if (n == 0) return out;
        }
        belowHundred(out, n, feminine);
        return out;
    }

    private static void belowHundred(List<String> out, int n, boolean feminine) {
        String one = feminine ? "num-une" : "digit-1";
        if (n < 10) {
            out.add(n == 1 ? one : "digit-" + n);
        } else if (n < 20) {
            out.add("num-" + n);
        } else if (n < 70) {
            int unit = n % 10;
            out.add("num-" + (n - unit));
            if (unit == 1) {
                out.add("num-et");
                out.add(one);
            } else if (unit != 0) {
                out.add("digit-" + unit);
            }
        } else if (n == 70 || n == 80 || n == 90) {
            out.add("num-" + n); // soixante-dix, quatre-vingts, quatre-vingt-dix
        } else if (n < 80) {
            out.add("num-60");
            if (n == 71) out.add("num-et"); // soixante et onze
            out.add("num-" + (n - 60));
        } else {
            out.add("num-80-compound"); // quatre-vingt-un, quatre-vingt-onze: no "et", no s
            int rest = n - 80;
            out.add(rest == 1 ? one : rest < 10 ? "digit-" + rest : "num-" + rest);
        }
    }
}
