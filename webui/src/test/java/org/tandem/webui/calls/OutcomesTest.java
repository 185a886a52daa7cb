package org.tandem.webui.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;

/** Issue 17, defect 11: how a recorded call ended, in words, from what the CDR stores. */
class OutcomesTest {

    private static CallRecord ended(Disposition d, Integer status, String cause, boolean closedAtRestart) {
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        return new CallRecord(
                "c@h",
                CallDirection.INTERNAL,
                "201",
                "201",
                null,
                "202",
                null,
                null,
                null,
                null,
                null,
                null,
                at,
                null,
                at.plusSeconds(5),
                0,
                d,
                HangupSide.SYSTEM,
                status,
                null,
                closedAtRestart,
                cause,
                null);
    }

    @Test
    void aFailedCallSaysWhyFromItsFinalStatus() {
        assertThat(Outcomes.of(ended(Disposition.BUSY, 486, null, false))).isEqualTo("Busy");
        assertThat(Outcomes.of(ended(Disposition.BUSY, 603, null, false))).isEqualTo("Declined");
        assertThat(Outcomes.of(ended(Disposition.NO_ANSWER, 480, null, false)))
                .isEqualTo("Not reachable (no phone registered)");
        assertThat(Outcomes.of(ended(Disposition.NO_ANSWER, 487, null, false))).isEqualTo("No answer in time");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 404, null, false))).isEqualTo("No such number");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 403, null, false))).isEqualTo("Refused");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 503, null, false)))
                .isEqualTo("Provider or service unavailable");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 499, null, false)))
                .isEqualTo("Failed: the call was not accepted");
        assertThat(Outcomes.of(ended(Disposition.FAILED, null, null, false))).isEqualTo("Failed");
        assertThat(Outcomes.of(ended(Disposition.CANCELLED, 487, null, false))).isEqualTo("Cancelled by the caller");
    }

    @Test
    void blocklistsHangupCausesAndRestartsAreNamed() {
        assertThat(Outcomes.of(ended(Disposition.BLOCKED, 403, "blocklist:anonymous", false)))
                .isEqualTo("Blocked: caller ID withheld (anonymous callers are blocked)");
        assertThat(Outcomes.of(ended(Disposition.BLOCKED, 603, "blocklist:201", false)))
                .isEqualTo("Blocked: on 201's own blocklist");
        assertThat(Outcomes.of(ended(Disposition.ANSWERED, 200, "rtp-timeout", false)))
                .isEqualTo("Answered; ended by Tandem: no sound came from one side");
        assertThat(Outcomes.of(ended(Disposition.ANSWERED, 200, null, true)))
                .isEqualTo("Answered; cut off when Tandem restarted");
        assertThat(Outcomes.of(ended(Disposition.FAILED, null, null, true)))
                .isEqualTo("Failed: Tandem restarted before an answer");
        assertThat(Outcomes.of(ended(null, null, null, false))).isEqualTo("In progress");
    }

    /** The portal's call log says the same reasons in the user's language (German, French, Spanish), never a code. */
    @Test
    void thePortalSaysTheReasonsInTheUsersLanguage() {
        Locale de = Locale.GERMAN;
        Locale fr = Locale.FRENCH;
        Locale es = Locale.forLanguageTag("es-MX");
        assertThat(Outcomes.of(ended(Disposition.NO_ANSWER, 480, null, false), de))
                .isEqualTo("Nicht erreichbar (kein Telefon angemeldet)");
        assertThat(Outcomes.of(ended(Disposition.BUSY, 486, null, false), fr)).isEqualTo("Occupé");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 404, null, false), es)).isEqualTo("El número no existe");
        assertThat(Outcomes.of(ended(Disposition.FAILED, 499, null, false), de))
                .isEqualTo("Fehlgeschlagen: der Anruf wurde nicht angenommen");
        assertThat(Outcomes.of(ended(Disposition.FAILED, null, null, false), fr))
                .isEqualTo("Échec");
        assertThat(Outcomes.of(ended(Disposition.BLOCKED, 603, "blocklist:201", false), de))
                .isEqualTo("Gesperrt: auf der eigenen Sperrliste von 201");
        assertThat(Outcomes.of(ended(Disposition.BLOCKED, 603, "blocklist:201", false), fr))
                .isEqualTo("Bloqué : sur la liste de blocage de 201");
        assertThat(Outcomes.of(ended(Disposition.ANSWERED, 200, "rtp-timeout", false), es))
                .isEqualTo("Contestada; terminada por Tandem: no llegaba sonido de un lado");
        assertThat(Outcomes.of(ended(Disposition.ANSWERED, 200, "some-new-cause", false), fr))
                .isEqualTo("Répondu ; terminé par Tandem (some-new-cause)");
        assertThat(Outcomes.of(ended(Disposition.CANCELLED, 487, null, false), de))
                .isEqualTo("Vom Anrufer abgebrochen");
        assertThat(Outcomes.of(ended(null, null, null, false), es)).isEqualTo("En curso");
        assertThat(Outcomes.of(ended(Disposition.BUSY, 486, null, false), Locale.ITALIAN))
                .as("no Italian texts")
                .isEqualTo("Busy");
    }

    /** Every final status from 400 to 699 has words in every language: no key shown as itself. */
    @Test
    void everyFailureStatusHasWordsInEveryLanguage() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"))) {
            for (int status = 400; status < 700; status++) {
                String words = Outcomes.of(ended(Disposition.FAILED, status, null, false), language);
                assertThat(words)
                        .as(language + " " + status)
                        .doesNotContain("outcome.")
                        .isNotBlank();
            }
        }
    }

    @Test
    void theDirectionIsInTheReadersLanguageToo() {
        assertThat(Outcomes.of(CallDirection.INBOUND)).isEqualTo("Incoming");
        assertThat(Outcomes.of(CallDirection.OUTBOUND, Locale.ENGLISH)).isEqualTo("Outgoing");
        assertThat(Outcomes.of(CallDirection.INTERNAL, Locale.GERMAN)).isEqualTo("Intern");
        assertThat(Outcomes.of(CallDirection.INBOUND, Locale.FRENCH)).isEqualTo("Entrant");
        assertThat(Outcomes.of(CallDirection.OUTBOUND, Locale.forLanguageTag("es-ES")))
                .isEqualTo("Saliente");
        assertThat(Outcomes.of((CallDirection) null, Locale.GERMAN)).isEmpty();
    }
}
