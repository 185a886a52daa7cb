package org.tandem.webui.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorLineTest {

    private final ErrorLine lines = new ErrorLine("phone-lines-error");
    private final FieldErrors errors = new FieldErrors("form-error").bind("lines", lines);

    @Test
    void aGroupsErrorIsTheLinesTextUntilTheNextCheck() {
        assertThat(lines.getText()).isEmpty();
        errors.show(Map.of("lines", "no user has extension 999"));
        assertThat(lines.getText()).isEqualTo("no user has extension 999");
        assertThat(lines.isInvalid()).isTrue();
        assertThat(lines.getId()).contains("phone-lines-error");

        errors.clear();
        assertThat(lines.getText()).isEmpty();
        assertThat(lines.isInvalid()).isFalse();
        assertThat(errors.formError().getText()).isEmpty();
    }
}
