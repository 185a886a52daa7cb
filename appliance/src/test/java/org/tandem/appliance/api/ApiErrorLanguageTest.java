package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * A 400's field sentences (issue 18): English for every client that does not ask otherwise (the API's contract), in
 * German, French or Spanish when Accept-Language (RFC 9110 §12.5.4) names one of them before English; the field
 * names, the error code and the message stay the same.
 */
class ApiErrorLanguageTest {

    private final ApiErrorHandler handler = new ApiErrorHandler();

    @Test
    void englishUnlessTheRequestNamesAnotherOfTandemsLanguagesFirst() {
        assertThat(ApiErrorHandler.language(null)).isEqualTo(Locale.ENGLISH);
        assertThat(ApiErrorHandler.language("")).isEqualTo(Locale.ENGLISH);
        assertThat(ApiErrorHandler.language("de-DE,de;q=0.9,en;q=0.8")).isEqualTo(Locale.GERMAN);
        assertThat(ApiErrorHandler.language("en-US,en;q=0.9,de;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(ApiErrorHandler.language("it-IT,it;q=0.9"))
                .as("no Italian: English")
                .isEqualTo(Locale.ENGLISH);
        assertThat(ApiErrorHandler.language("it, es;q=0.5")).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(ApiErrorHandler.language("fr;q=oops"))
                .as("unreadable: English")
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theSentencesFollowTheHeaderAndTheFieldNamesDoNot() {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        errors.put("extension", FieldError.of("common.digits-2-to-12"));
        errors.put("to", FieldError.of("destination.no-extension", "209"));
        InvalidInputException e = InvalidInputException.of(errors);

        ApiError english = body(handler.invalid(e, new MockHttpServletRequest()));
        assertThat(english.fields())
                .containsExactly(
                        Map.entry("extension", "must be 2 to 12 digits"), Map.entry("to", "there is no extension 209"));

        MockHttpServletRequest german = new MockHttpServletRequest();
        german.addHeader("Accept-Language", "de-CH, de;q=0.9");
        ApiError inGerman = body(handler.invalid(e, german));
        assertThat(inGerman.fields())
                .containsExactly(
                        Map.entry("extension", "muss 2 bis 12 Ziffern lang sein"),
                        Map.entry("to", "es gibt keine Durchwahl 209"));
        assertThat(inGerman.error()).isEqualTo(english.error());
        assertThat(inGerman.message()).isEqualTo(english.message());
    }

    private static ApiError body(ResponseEntity<ApiError> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        return response.getBody();
    }
}
