package org.tandem.pbx.prompt.internal;

import java.time.ZonedDateTime;
import java.util.List;
import org.tandem.pbx.prompt.Counted;
import org.tandem.pbx.prompt.Language;

/**
 * Spanish: 16 .. 29 one word each ("dieciséis", "veintiuno"), "y" from 31 ("treinta y uno"); "uno" standing alone,
 * "un"/"veintiún" before a masculine noun, "una"/"veintiuna" before a feminine one (so for hours: "a la una",
 * "a las veintiuna"); "cien" alone but "ciento uno", "doscientos"; "ningún mensaje nuevo" for none.
 */
public final class SpanishSpeaker extends Words {

    public static final SpanishSpeaker INSTANCE = new SpanishSpeaker();

    private enum Form {
        ALONE,
        MASCULINE,
        FEMININE
    }

    private SpanishSpeaker() {}

    @Override
    public Language language() {
        return Language.ES;
    }

    @Override
    public List<String> cardinal(int n) {
        return words(n, Form.ALONE);
    }

    @Override
    public List<String> count(int n, Counted what) {
        List<String> out = out();
        if (n == 0) {
            out.add("vm-no"); // ningún mensaje nuevo: the singular after "ningún"
            out.add(what.one());
            return out;
        }
        out.addAll(words(n, Form.MASCULINE)); // el mensaje: both counted nouns are masculine
        out.add(n == 1 ? what.one() : what.several());
        return out;
    }

    @Override
    public List<String> dayAndTime(ZonedDateTime t) {
        List<String> out = out();
        out.add(day(t));
        out.add(t.getHour() == 1 ? "date-at-one" : "date-at"); // a la una, a las dos
        out.addAll(words(t.getHour(), Form.FEMININE)); // la hora: a las veintiuna
        if (t.getMinute() == 0) {
            out.add("time-oclock");
        } else {
            out.add("num-y");
            out.addAll(words(t.getMinute(), Form.ALONE));
        }
        return out;
    }

    private List<String> words(int n, Form form) {
        if (!inWords(n)) return digits(Integer.toString(n));
        List<String> out = out();
        if (n >= 100) {
            int hundreds = n / 100;
            n %= 100;
            if (hundreds == 1) out.add(n == 0 ? "num-hundred" : "num-ciento"); // cien, ciento uno
            else out.add("num-" + hundreds * 100); // doscientos (masculine; no feminine count reaches 200)
            if (n == 0) return out;
        }
        if (n < 10) {
            out.add(n == 1 ? one(form) : "digit-" + n);
        } else if (n < 30) {
            if (n == 21) out.add(form == Form.ALONE ? "num-21" : form == Form.MASCULINE ? "num-21-un" : "num-21-una");
            else out.add("num-" + n); // diez .. veintinueve: one word each
        } else {
            int unit = n % 10;
            out.add("num-" + (n - unit));
            if (unit != 0) {
                out.add("num-y");
                out.add(unit == 1 ? one(form) : "digit-" + unit);
            }
        }
        return out;
    }

    private static String one(Form form) {
        return switch (form) {
            case ALONE -> "digit-1";
            case MASCULINE -> "num-un";
            case FEMININE -> "num-una";
        };
    }
}
