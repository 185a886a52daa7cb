package org.tandem.pbx.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tandem.pbx.prompt.internal.PromptStore;
import org.tandem.pbx.validation.FieldError;

/**
 * Each language's {@link Speaker}: the prompt ids of numbers whose grammar is tricky (German units before tens and
 * "eins"/"ein"/"eine", French "et un", "soixante-dix", "quatre-vingts", Spanish "veintiuno"/"veintiún",
 * "dieciséis", "cien"/"ciento"), of counts and of times; and every id a speaker can say, over every number it says
 * as words, every count and every minute of a week, is in that language's shipped prompt set.
 */
class SpeakerTest {

    private static final Speaker EN = Speaker.of(Language.EN);
    private static final Speaker DE = Speaker.of(Language.DE);
    private static final Speaker FR = Speaker.of(Language.FR);
    private static final Speaker ES = Speaker.of(Language.ES);

    /** Monday 25 November 2024 (a Monday) at {@code hour}:{@code minute} UTC. */
    private static ZonedDateTime monday(int hour, int minute) {
        return ZonedDateTime.of(2024, 11, 25, hour, minute, 0, 0, ZoneOffset.UTC);
    }

    @Test
    void englishSaysWhatItSaidBeforeLanguagesCame() {
        assertThat(EN.cardinal(21)).containsExactly("num-20", "digit-1");
        assertThat(EN.cardinal(115)).containsExactly("digit-1", "num-hundred", "num-15");
        assertThat(EN.cardinal(300)).containsExactly("digit-3", "num-hundred");
        assertThat(EN.cardinal(1234)).containsExactly("digit-1", "digit-2", "digit-3", "digit-4");
        assertThat(EN.count(0, Counted.NEW_MESSAGES)).containsExactly("vm-no", "vm-new-messages");
        assertThat(EN.count(1, Counted.NEW_MESSAGES)).containsExactly("digit-1", "vm-new-message");
        assertThat(EN.count(2, Counted.SAVED_MESSAGES)).containsExactly("digit-2", "vm-saved-messages");
        assertThat(EN.dayAndTime(monday(9, 5)))
                .containsExactly("day-monday", "date-at", "digit-9", "digit-0", "digit-5", "time-am");
        assertThat(EN.dayAndTime(monday(0, 0)))
                .containsExactly("day-monday", "date-at", "num-12", "time-oclock", "time-am");
        assertThat(EN.dayAndTime(monday(13, 30)))
                .containsExactly("day-monday", "date-at", "digit-1", "num-30", "time-pm");
    }

    @Test
    void germanPutsUnitsBeforeTensAndSaysEinsEinOrEine() {
        assertThat(DE.cardinal(1)).containsExactly("digit-1"); // eins
        assertThat(DE.cardinal(16)).containsExactly("num-16");
        assertThat(DE.cardinal(21)).containsExactly("num-ein", "num-und", "num-20"); // einundzwanzig
        assertThat(DE.cardinal(37)).containsExactly("digit-7", "num-und", "num-30"); // siebenunddreißig
        assertThat(DE.cardinal(40)).containsExactly("num-40");
        assertThat(DE.cardinal(99)).containsExactly("digit-9", "num-und", "num-90");
        assertThat(DE.cardinal(100)).containsExactly("num-ein", "num-hundred"); // einhundert
        assertThat(DE.cardinal(101)).containsExactly("num-ein", "num-hundred", "digit-1"); // einhunderteins
        assertThat(DE.cardinal(221)).containsExactly("digit-2", "num-hundred", "num-ein", "num-und", "num-20");
        assertThat(DE.count(1, Counted.NEW_MESSAGES))
                .containsExactly("num-eine", "vm-new-message"); // eine neue Nachricht
        assertThat(DE.count(21, Counted.NEW_MESSAGES))
                .containsExactly("num-ein", "num-und", "num-20", "vm-new-messages"); // einundzwanzig neue Nachrichten
        assertThat(DE.count(0, Counted.NEW_MESSAGES)).containsExactly("vm-no-new-messages"); // keine neuen Nachrichten
        assertThat(DE.count(0, Counted.SAVED_MESSAGES)).containsExactly("vm-no-saved-messages");
        assertThat(DE.dayAndTime(monday(1, 0)))
                .containsExactly("day-monday", "date-at", "num-ein", "time-oclock"); // ein Uhr
        assertThat(DE.dayAndTime(monday(21, 1))) // einundzwanzig Uhr eins
                .containsExactly("day-monday", "date-at", "num-ein", "num-und", "num-20", "time-oclock", "digit-1");
        assertThat(DE.dayAndTime(monday(0, 30)))
                .containsExactly("day-monday", "date-at", "digit-0", "time-oclock", "num-30");
    }

    @Test
    void frenchSaysEtUnSoixanteDixAndQuatreVingts() {
        assertThat(FR.cardinal(21)).containsExactly("num-20", "num-et", "digit-1"); // vingt et un
        assertThat(FR.cardinal(22)).containsExactly("num-20", "digit-2");
        assertThat(FR.cardinal(61)).containsExactly("num-60", "num-et", "digit-1");
        assertThat(FR.cardinal(70)).containsExactly("num-70"); // soixante-dix
        assertThat(FR.cardinal(71)).containsExactly("num-60", "num-et", "num-11"); // soixante et onze
        assertThat(FR.cardinal(77)).containsExactly("num-60", "num-17"); // soixante-dix-sept
        assertThat(FR.cardinal(80)).containsExactly("num-80"); // quatre-vingts
        assertThat(FR.cardinal(81)).containsExactly("num-80-compound", "digit-1"); // quatre-vingt-un
        assertThat(FR.cardinal(90)).containsExactly("num-90"); // quatre-vingt-dix
        assertThat(FR.cardinal(91)).containsExactly("num-80-compound", "num-11"); // quatre-vingt-onze
        assertThat(FR.cardinal(99)).containsExactly("num-80-compound", "num-19"); // quatre-vingt-dix-neuf
        assertThat(FR.cardinal(100)).containsExactly("num-hundred"); // cent
        assertThat(FR.cardinal(200)).containsExactly("digit-2", "num-hundreds"); // deux cents
        assertThat(FR.cardinal(201)).containsExactly("digit-2", "num-hundred", "digit-1"); // deux cent un
        assertThat(FR.count(21, Counted.NEW_MESSAGES))
                .containsExactly("num-20", "num-et", "digit-1", "vm-new-messages");
        assertThat(FR.count(1, Counted.NEW_MESSAGES))
                .containsExactly("digit-1", "vm-new-message"); // un nouveau message
        assertThat(FR.count(0, Counted.NEW_MESSAGES))
                .containsExactly("vm-no", "vm-new-message"); // aucun nouveau message
        assertThat(FR.dayAndTime(monday(1, 0)))
                .containsExactly("day-monday", "date-at", "num-une", "time-hour"); // une heure
        assertThat(FR.dayAndTime(monday(21, 21))) // vingt et une heures vingt et une
                .containsExactly(
                        "day-monday",
                        "date-at",
                        "num-20",
                        "num-et",
                        "num-une",
                        "time-hours",
                        "num-20",
                        "num-et",
                        "num-une");
    }

    @Test
    void spanishSaysVeintiunoDieciseisAndCienOrCiento() {
        assertThat(ES.cardinal(1)).containsExactly("digit-1"); // uno
        assertThat(ES.cardinal(16)).containsExactly("num-16"); // dieciséis
        assertThat(ES.cardinal(21)).containsExactly("num-21"); // veintiuno
        assertThat(ES.cardinal(26)).containsExactly("num-26"); // veintiséis
        assertThat(ES.cardinal(31)).containsExactly("num-30", "num-y", "digit-1"); // treinta y uno
        assertThat(ES.cardinal(40)).containsExactly("num-40");
        assertThat(ES.cardinal(100)).containsExactly("num-hundred"); // cien
        assertThat(ES.cardinal(101)).containsExactly("num-ciento", "digit-1"); // ciento uno
        assertThat(ES.cardinal(516)).containsExactly("num-500", "num-16"); // quinientos dieciséis
        assertThat(ES.count(1, Counted.NEW_MESSAGES)).containsExactly("num-un", "vm-new-message"); // un mensaje nuevo
        assertThat(ES.count(21, Counted.NEW_MESSAGES)).containsExactly("num-21-un", "vm-new-messages"); // veintiún
        assertThat(ES.count(31, Counted.SAVED_MESSAGES))
                .containsExactly("num-30", "num-y", "num-un", "vm-saved-messages");
        assertThat(ES.count(0, Counted.NEW_MESSAGES))
                .containsExactly("vm-no", "vm-new-message"); // ningún mensaje nuevo
        assertThat(ES.dayAndTime(monday(1, 0))).containsExactly("day-monday", "date-at-one", "num-una", "time-oclock");
        assertThat(ES.dayAndTime(monday(21, 16))) // a las veintiuna y dieciséis
                .containsExactly("day-monday", "date-at", "num-21-una", "num-y", "num-16");
    }

    @Test
    void everySpeakerUsesItsOwnLanguageAndDigits() {
        for (Language l : Language.values()) {
            assertThat(Speaker.of(l).language()).isEqualTo(l);
            assertThat(Speaker.of(l).digits("20*1#")).containsExactly("digit-2", "digit-0", "star", "digit-1", "hash");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyIdASpeakerCanSayIsInItsLanguagesPromptSet(Language language) {
        Speaker speaker = Speaker.of(language);
        Set<String> said = new TreeSet<>();
        for (int n = 0; n <= 1000; n++) {
            said.addAll(speaker.cardinal(n));
            for (Counted c : Counted.values()) said.addAll(speaker.count(n, c));
        }
        for (int minute = 0; minute < 7 * 24 * 60; minute++)
            said.addAll(speaker.dayAndTime(monday(0, 0).plusMinutes(minute)));
        said.addAll(speaker.digits("0123456789*#"));
        assertThat(PromptStore.manifest(language).keySet()).containsAll(said);
        assertThat(said).as("the number words are used").contains("num-hundred", "num-90", "digit-0");
    }

    @Test
    void languagesAreParsedFromTheirCodesOnly() {
        assertThat(Language.of("DE")).contains(Language.DE);
        assertThat(Language.of(" es ")).contains(Language.ES);
        assertThat(Language.of("german")).isEmpty();
        assertThat(Language.of(null)).isEmpty();
        assertThat(Language.problem("xx").map(FieldError::text)).contains("must be one of en, de, fr or es (got 'xx')");
        assertThat(Language.problem("fr")).isEmpty();
        assertThat(Language.orEnglish("")).isEqualTo(Language.EN);
        assertThat(List.of(Language.values())).extracting(Language::code).containsExactly("en", "de", "fr", "es");
    }
}
