package org.tandem.pbx.prompt.internal;

import java.time.ZonedDateTime;
import java.util.List;
import org.tandem.pbx.prompt.Counted;
import org.tandem.pbx.prompt.Language;

/** English: "one hundred twenty three" (no "and"), "no new messages", "Monday at 9 30 A M". */
public final class EnglishSpeaker extends Words {

    public static final EnglishSpeaker INSTANCE = new EnglishSpeaker();

    private EnglishSpeaker() {}

    @Override
    public Language language() {
        return Language.EN;
    }

    @Override
    public List<String> cardinal(int n) {
        if (!inWords(n)) return digits(Integer.toString(n));
        List<String> out = out();
        if (n >= 100) {
            out.add("digit-" + n / 100);
            out.add("num-hundred");
            n %= 100;
            if (n == 0) return out;
        }
        if (n < 10) out.add("digit-" + n);
        else if (n < 20) out.add("num-" + n);
        else {
            out.add("num-" + (n / 10) * 10);
            if (n % 10 != 0) out.add("digit-" + n % 10);
        }
        return out;
    }

    @Override
    public List<String> count(int n, Counted what) {
        List<String> out = out();
        if (n == 0) out.add("vm-no");
        else out.addAll(cardinal(n));
        out.add(n == 1 ? what.one() : what.several());
        return out;
    }

    @Override
    public List<String> dayAndTime(ZonedDateTime t) {
        List<String> out = out();
        out.add(day(t));
        out.add("date-at");
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        out.addAll(cardinal(hour));
        if (t.getMinute() == 0) {
            out.add("time-oclock");
        } else {
            if (t.getMinute() < 10) out.add("digit-0");
            out.addAll(cardinal(t.getMinute()));
        }
        out.add(t.getHour() < 12 ? "time-am" : "time-pm");
        return out;
    }
}
