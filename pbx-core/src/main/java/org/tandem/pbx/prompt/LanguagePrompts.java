package org.tandem.pbx.prompt;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompts of one language, ready to play: single prompts by id and what the language's {@link Speaker} says
 * (numbers, counts, times). A prompt the language lacks (an admin's own recorded only in English, say) is played in
 * English, so a call flow never fails for want of a translation.
 */
public final class LanguagePrompts {

    private final Prompts prompts;
    private final Language language;
    private final Speaker speaker;

    LanguagePrompts(Prompts prompts, Language language) {
        this.prompts = prompts;
        this.language = language;
        this.speaker = Speaker.of(language);
    }

    public Language language() {
        return language;
    }

    public Speaker speaker() {
        return speaker;
    }

    /** @throws IllegalArgumentException for an id that is in no language's set */
    public short[] get(String id) {
        short[] pcm = prompts.resolve(language, id);
        if (pcm == null) throw new IllegalArgumentException("No prompt " + id);
        return pcm;
    }

    /** The prompts for {@code ids}, in order. */
    public List<short[]> all(String... ids) {
        return all(List.of(ids));
    }

    public List<short[]> all(List<String> ids) {
        List<short[]> out = new ArrayList<>(ids.size());
        for (String id : ids) out.add(get(id));
        return out;
    }

    /** A number digit by digit ("zwei null eins"). */
    public List<short[]> digits(String number) {
        return all(speaker.digits(number));
    }

    /** A number standing alone, as words (0–999). */
    public List<short[]> number(int n) {
        return all(speaker.cardinal(n));
    }

    /** A count with its noun ("einundzwanzig neue Nachrichten"). */
    public List<short[]> count(int n, Counted what) {
        return all(speaker.count(n, what));
    }

    /** The day and the time ("Montag um neun Uhr dreißig"). */
    public List<short[]> dayAndTime(ZonedDateTime t) {
        return all(speaker.dayAndTime(t));
    }

    public Duration length(String id) {
        return Duration.ofMillis(get(id).length / 8L);
    }
}
