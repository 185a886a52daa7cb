package org.tandem.webui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A feature that has its own text bundle ({@code i18n/<package>.properties}) is translated: its sources hand no English
 * literal to a component's label, header, text, button, notification or field (issue 18: the web UI in de/fr/es). The
 * check reads the sources, so it sees a literal on the line of the call (the usual layout); a literal that is not a
 * text (an id, a CSS value, a route) starts in lower case or with a symbol and is not matched.
 */
class TranslatedFeaturesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/tandem/webui");
    private static final Path BUNDLES = Path.of("src/main/resources/i18n");

    /** A component call or constructor whose first string argument starts as an English word or sentence. */
    static final Pattern LITERAL_TEXT = Pattern.compile("(?:\\.(?:setHeader|setLabel|setText|setPlaceholder"
            + "|setHelperText|setErrorMessage|setTitle|setAriaLabel|setTooltipText|setConfirmText|setCancelText"
            + "|setRejectText|setHeaderTitle|addItem|add|show)|\\bNotification\\.show|\\bnew (?:Button|Span|H1|H2|H3|H4"
            + "|H5|Paragraph|TextField|TextArea|PasswordField|IntegerField|NumberField|BigDecimalField|EmailField"
            + "|Checkbox|ComboBox<[^>]*>|MultiSelectComboBox<[^>]*>|Select<[^>]*>|RadioButtonGroup<[^>]*>|Tab"
            + "|Details|DatePicker|TimePicker|DateTimePicker|NativeLabel|Label|ConfirmDialog|Dialog|MenuItem"
            + "|RouterLink|Anchor|ListItem|Emphasis|Strong|Div))\\((?:[^()]*?,\\s*)?\"([A-Z][a-z][^\"]*)\"");

    /** The feature packages with a bundle of their own: those whose texts must all come from it. */
    static List<String> translatedFeatures() throws IOException {
        List<String> features = new ArrayList<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties") && !n.contains("_") && !n.equals("ui.properties"))
                    .forEach(n -> features.add(n.substring(0, n.length() - ".properties".length())));
        }
        return features;
    }

    static List<String> englishLiterals(Path packageDir) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = LITERAL_TEXT.matcher(lines.get(i));
                    while (m.find()) found.add(SOURCES.relativize(file) + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                }
            }
        }
        return found;
    }

    @Test
    void everyTranslatedFeatureTakesItsTextsFromItsBundle() throws IOException {
        List<String> features = translatedFeatures();
        assertThat(features).contains("about");
        List<String> literals = new ArrayList<>();
        for (String feature : features) {
            Path dir = SOURCES.resolve(feature);
            assertThat(dir)
                    .as("the bundle i18n/" + feature + " belongs to the package webui/" + feature)
                    .isDirectory();
            literals.addAll(englishLiterals(dir));
        }
        assertThat(literals).as("English texts in translated features").isEmpty();
    }

    @Test
    void theCheckSeesTheUsualWaysOfPuttingAText() {
        for (String line : List.of(
                "add(new H2(\"About this appliance\"));",
                "grid.addColumn(x).setHeader(\"Name\");",
                "Notification.show(\"Saved\");",
                "new Button(\"Delete\", e -> delete());",
                "TextField f = new TextField(\"Display name\");",
                "field.setHelperText(\"Digits only\");",
                "new Anchor(\"/api\", \"Download all\")",
                "new ComboBox<String>(\"Strategy\")")) {
            assertThat(LITERAL_TEXT.matcher(line).find()).as(line).isTrue();
        }
        for (String line : List.of(
                "new H2(getTranslation(\"about.title\"))",
                "setId(\"about-facts\")",
                "getStyle().set(\"font-weight\", \"600\")",
                "new Anchor(\"backup\", getTranslation(\"x.y\"))",
                "addClassName(\"Wide\")")) {
            assertThat(LITERAL_TEXT.matcher(line).find()).as(line).isFalse();
        }
    }
}
