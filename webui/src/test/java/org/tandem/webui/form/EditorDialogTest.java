package org.tandem.webui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

public class EditorDialogTest {

    public record RoomDraft(String number, String name, Integer maxParticipants, List<String> members) {

        /** A second, shorter constructor, as the real drafts have (javac lists it before the canonical one). */
        public RoomDraft(String number, String name) {
            this(number, name, null, List.of());
        }
    }

    /** An editor as the real ones are built: inputs bound by the draft's names, one composed component. */
    static final class RoomEditor extends EditorDialog<RoomDraft> {
        final TextField number = new TextField();
        final TextField name = new TextField();
        final IntegerField max = new IntegerField();
        final List<TextField> members = List.of(new TextField(), new TextField());
        final List<RoomDraft> saved = new ArrayList<>();
        int changed;

        RoomEditor() {
            super(RoomDraft.class, "room-form-error", "number");
            bind("number", number, stripped());
            bind("name", name, n -> !n.isBlank(), "must not be empty");
            bind("maxParticipants", max);
            bindComposed(
                    "members",
                    () -> members.stream()
                            .map(TextField::getValue)
                            .filter(m -> !m.isEmpty())
                            .toList(),
                    list -> {
                        for (int i = 0; i < list.size(); i++) members.get(i).setValue(list.get(i));
                    });
            errors.bind("members[0]", members.get(0)).bind("members[1]", members.get(1));
        }

        void save(RuntimeException refusal) {
            save(
                    d -> {
                        if (refusal != null) throw refusal;
                        saved.add(d);
                    },
                    d -> "Room " + d.number() + " saved",
                    () -> changed++);
        }
    }

    private final RoomEditor editor = new RoomEditor();
    /** Held here: the current UI is only weakly referenced, and a saved editor's notification needs it. */
    private final UI ui = new UI();

    @BeforeEach
    void ui() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
    }

    @Test
    void readsADraftIntoTheInputsAndWritesTheInputsAsADraft() {
        editor.read(new RoomDraft("800", "Sales", null, List.of("201", "202")));
        assertThat(editor.number.getValue()).isEqualTo("800");
        assertThat(editor.max.getValue()).isNull();
        assertThat(editor.members.get(1).getValue()).isEqualTo("202");

        editor.number.setValue(" 801 ");
        editor.number.setReadOnly(true); // a key once created: still part of the draft
        editor.max.setValue(20);
        editor.members.get(1).setValue("");
        editor.save(null);
        assertThat(editor.saved).containsExactly(new RoomDraft("801", "Sales", 20, List.of("201")));
        assertThat(editor.changed).isEqualTo(1);
    }

    @Test
    void aDraftsNoneShowsAsAnEmptyInputThroughAConverterToo() {
        editor.read(new RoomDraft(null, "Sales"));
        assertThat(editor.number.getValue()).isEmpty();
        assertThat(editor.members.get(0).getValue()).isEmpty();
    }

    @Test
    void whatIsTypedStaysAsTyped() {
        editor.read(new RoomDraft("800", "Sales"));
        editor.number.setValue(" 801 ");
        assertThat(editor.number.getValue())
                .as("not converted back while typing")
                .isEqualTo(" 801 ");
    }

    @Test
    void theServicesErrorsGoUnderTheInputsTheyNameAndADuplicateUnderTheKey() {
        editor.read(new RoomDraft("800", "Sales", 20, List.of()));
        editor.save(new InvalidInputException(Map.of(
                "maxParticipants",
                "must be 2 to 200",
                "members[1]",
                "there is no extension 999",
                "pin",
                "must be digits")));
        assertThat(editor.max.isInvalid()).isTrue();
        assertThat(editor.max.getErrorMessage()).isEqualTo("must be 2 to 200");
        assertThat(editor.members.get(1).getErrorMessage()).isEqualTo("there is no extension 999");
        assertThat(editor.number.isInvalid()).isFalse();
        assertThat(editor.errors.formError().getText()).isEqualTo("pin must be digits");
        assertThat(editor.changed).isZero();

        editor.save(new DuplicateException("duplicate.conference-room", "800"));
        assertThat(editor.max.isInvalid())
                .as("a new save clears the old errors")
                .isFalse();
        assertThat(editor.number.isInvalid()).isTrue();
        assertThat(editor.number.getErrorMessage()).isEqualTo("Conference room 800 already exists");
    }

    /** Issue 18: a keyed refusal reads in the page's language under its input. */
    @Test
    void theServicesErrorsReadInTheLanguageOfThePage() {
        ui.setLocale(Locale.GERMAN);
        editor.read(new RoomDraft("800", "Sales", 20, List.of()));
        editor.save(new InvalidInputException("name", "common.required"));
        assertThat(editor.name.getErrorMessage()).isEqualTo("ist erforderlich");
        editor.save(new DuplicateException("duplicate.conference-room", "800"));
        assertThat(editor.number.getErrorMessage())
                .as("a duplicate too")
                .isEqualTo("Den Konferenzraum 800 gibt es bereits");

        ui.setLocale(Locale.ENGLISH);
        editor.save(new InvalidInputException("name", "common.required"));
        assertThat(editor.name.getErrorMessage()).isEqualTo("is required");
    }

    @Test
    void anEditorsOwnCheckStopsTheSaveWithItsMessageUnderItsInput() {
        editor.read(new RoomDraft("800", "", 20, List.of()));
        editor.save(null);
        assertThat(editor.saved).isEmpty();
        assertThat(editor.name.isInvalid()).isTrue();
        assertThat(editor.name.getErrorMessage()).isEqualTo("must not be empty");
    }

    @Test
    void whoMayOnlyReadSeesTheInputsReadOnly() {
        editor.readOnlyUnless(false);
        assertThat(Arrays.asList(editor.number.isReadOnly(), editor.name.isReadOnly(), editor.max.isReadOnly()))
                .containsOnly(true);
    }
}
