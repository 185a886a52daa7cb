package org.tandem.webui.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.routing.Feature;
import org.tandem.webui.i18n.UiTexts;

/**
 * The dial plan's words in the web UI (issue 18): in English a feature is named as the service names it in its
 * messages ({@link Feature#label()}), so the page and an error about a code agree; German has its own words.
 */
class RoutingWordsTest {

    private final UiTexts texts = new UiTexts();

    @Test
    void inEnglishAFeatureHasTheServicesName() {
        for (Feature f : Feature.values()) {
            String english =
                    texts.getTranslation("routing.feature." + f.name().toLowerCase(Locale.ROOT), Locale.ENGLISH);
            assertThat(english)
                    .as(f.name())
                    .isEqualTo(f == Feature.PARK ? "Park a call (transfer it here)" : f.label());
        }
    }

    @Test
    void everyDestinationTypeHasItsWordsInEachLanguage() {
        for (DestinationField.Kind k : DestinationField.Kind.all()) {
            assertThat(DestinationChoices.kindLabel(k, Locale.ENGLISH))
                    .as(k.name())
                    .doesNotStartWith("routing.");
            assertThat(DestinationChoices.kindLabel(k, Locale.GERMAN))
                    .as(k.name())
                    .isNotEqualTo(DestinationChoices.kindLabel(k, Locale.ENGLISH));
        }
        assertThat(DestinationChoices.kindLabel(DestinationField.Kind.EXTENSION, Locale.GERMAN))
                .isEqualTo("Durchwahl");
        assertThat(DestinationChoices.kindLabel(DestinationField.Kind.EXTENSION, Locale.ENGLISH))
                .isEqualTo("Extension");
    }
}
