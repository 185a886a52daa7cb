package org.tandem.webui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/** The binding a page that edits one thing in place uses (call park, network, a user's call settings). */
class DraftFormTest {

    /** A page's own draft, private as the pages keep theirs. */
    private record ParkDraft(String firstOrbit, String lastOrbit, Integer timeoutSeconds, boolean returnToParker) {}

    private final TextField first = new TextField();
    private final TextField last = new TextField();
    private final IntegerField timeout = new IntegerField();
    private final Checkbox returnToParker = new Checkbox();
    private final DraftForm<ParkDraft> park = DraftForm.of(ParkDraft.class, "park-form-error", null)
            .bind("firstOrbit", first, DraftForm.blankForNone())
            .bind("lastOrbit", last)
            .bind("timeoutSeconds", timeout)
            .bind("returnToParker", returnToParker);
    private final List<ParkDraft> saved = new ArrayList<>();

    @Test
    void saysWhetherTheServiceTookTheDraft() {
        park.read(new ParkDraft(null, "709", 120, true));
        assertThat(first.getValue()).isEmpty();
        last.setValue("719");
        assertThat(park.save(saved::add)).isTrue();
        assertThat(saved).containsExactly(new ParkDraft(null, "719", 120, true));

        assertThat(park.save(d -> {
                    throw new InvalidInputException(
                            Map.of("timeoutSeconds", "must be 10 to 600", "mode", "is not a mode"));
                }))
                .isFalse();
        assertThat(timeout.isInvalid()).isTrue();
        assertThat(timeout.getErrorMessage()).isEqualTo("must be 10 to 600");
        assertThat(park.errors().formError().getText())
                .as("an error no input shows")
                .isEqualTo("mode is not a mode");
        assertThat(park.errors().formError().getId()).contains("park-form-error");
    }

    @Test
    void aDuplicateWithoutAKeyGoesToTheFormsLine() {
        park.read(new ParkDraft("701", "709", 120, true));
        assertThat(park.save(d -> {
                    throw new DuplicateException("duplicate.conference-room", "705");
                }))
                .isFalse();
        assertThat(park.errors().formError().getText()).isEqualTo("Conference room 705 already exists");
        assertThat(park.save(saved::add)).as("the next save clears it").isTrue();
        assertThat(park.errors().formError().getText()).isEmpty();
    }

    @Test
    void aFormsOwnCheckStopsTheSaveUnderItsInput() {
        PasswordField password = new PasswordField();
        PasswordField repeat = new PasswordField();
        record Change(String password, String repeat) {}
        DraftForm<Change> change = DraftForm.of(Change.class, "password-error", null)
                .bind("password", password)
                .bind("repeat", repeat, r -> r.equals(password.getValue()), "does not match");
        password.setValue("Secret-one-1");
        repeat.setValue("Secret-one-2");
        assertThat(change.save(c -> {
                    throw new AssertionError("not handed to the service");
                }))
                .isFalse();
        assertThat(repeat.isInvalid()).isTrue();
        assertThat(repeat.getErrorMessage()).isEqualTo("does not match");
    }

    @Test
    void whoMayOnlyReadSeesTheInputsReadOnly() {
        park.readOnlyUnless(false);
        assertThat(List.of(first.isReadOnly(), last.isReadOnly(), timeout.isReadOnly(), returnToParker.isReadOnly()))
                .containsOnly(true);
    }

    /** A draft that is no record, as the feature codes: a map from the names the service gives its errors. */
    @Test
    void aMapShapedDraft() {
        TextField voicemail = new TextField();
        TextField parkCode = new TextField();
        DraftForm<Map<String, String>> codes = new DraftForm<Map<String, String>>(
                        "feature-codes-error", null, HashMap::new, values -> {
                            Map<String, String> m = new TreeMap<>();
                            values.forEach((k, v) -> m.put(k, (String) v));
                            return m;
                        })
                .bind("VOICEMAIL", voicemail)
                .bind("PARK", parkCode);
        codes.read(Map.of("VOICEMAIL", "*97", "PARK", "*70"));
        assertThat(parkCode.getValue()).isEqualTo("*70");
        parkCode.setValue("*97");
        List<Map<String, String>> taken = new ArrayList<>();
        assertThat(codes.save(taken::add)).isTrue();
        assertThat(taken).containsExactly(Map.of("PARK", "*97", "VOICEMAIL", "*97"));
        assertThat(codes.save(m -> {
                    throw new InvalidInputException(Map.of("PARK", "is the same code as own voicemail"));
                }))
                .isFalse();
        assertThat(parkCode.getErrorMessage()).isEqualTo("is the same code as own voicemail");
    }
}
