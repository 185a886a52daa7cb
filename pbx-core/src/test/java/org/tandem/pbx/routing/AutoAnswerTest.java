package org.tandem.pbx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The auto-answer headers Tandem sends for intercom and paging, and the callers' values the proxy removes: every
 * vendor's spelling of "answer at once" (a caller must not open a phone's microphone), and no ordinary Alert-Info.
 */
class AutoAnswerTest {

    @Test
    void intercomAndPagingSendBothVendorForms() {
        List<String[]> headers = AutoAnswer.headers("pbx.example");
        assertThat(headers).hasSize(2);
        assertThat(headers.get(0)).containsExactly("Call-Info", "<sip:pbx.example>;answer-after=0");
        assertThat(headers.get(1))
                .containsExactly("Alert-Info", "<http://127.0.0.1/autoanswer>;info=alert-autoanswer;delay=0");
        // what Tandem sends is what it would strip from a caller: a caller cannot fake it
        for (String[] h : headers)
            assertThat(AutoAnswer.asksForAutoAnswer(h[1])).as(h[0]).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<sip:evil.example>;answer-after=0",
                "<sip:x>; Answer-After = 5",
                "answer-after=0",
                "<http://127.0.0.1>;info=alert-autoanswer;delay=0",
                "<http://x>;info=Alert-AutoAnswer",
                "Auto Answer",
                "auto-answer",
                "Ring Answer",
                "ring-answer",
                "RingAnswer",
                "<sip:x>;intercom=true",
                "<sip:x>;info=Auto_Answer"
            })
    void everyVendorsAutoAnswerValueIsFound(String value) {
        assertThat(AutoAnswer.asksForAutoAnswer(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<http://www.example.com/sounds/moo.wav>",
                "<urn:alert:tone:internal>",
                "<http://127.0.0.1>;info=ring2",
                "<urn:alert:service:call-waiting>",
                ""
            })
    void ordinaryAlertInfoStays(String value) {
        assertThat(AutoAnswer.asksForAutoAnswer(value)).isFalse();
    }
}
