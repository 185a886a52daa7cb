package org.tandem.webui.form;

import com.vaadin.flow.component.combobox.ComboBox;
import java.util.List;
import org.tandem.pbx.prompt.Language;

/**
 * A picker of the languages the prompts come in (en, de, fr, es), shown by their own names. Where "follow the system
 * language" is a choice (a user, a menu, a queue, a room), it can be left empty: {@link #code()} is then "".
 */
public final class LanguageField extends ComboBox<Language> {

    public LanguageField(String label) {
        super(label);
        setItems(List.of(Language.values()));
        setItemLabelGenerator(l -> l.displayName() + " (" + l.code() + ")");
    }

    /** A field that may be empty: the system language (chosen on the Setup page) applies then. */
    public static LanguageField optional(String label, String id) {
        LanguageField f = new LanguageField(label);
        f.setId(id);
        f.setClearButtonVisible(true);
        f.setPlaceholder(f.getTranslation("form.system-language"));
        f.setHelperText(f.getTranslation("form.system-language.helper"));
        return f;
    }

    /** The chosen code, or "" when empty (follow the system language). */
    public String code() {
        return getValue() == null ? "" : getValue().code();
    }

    /** Shows {@code code} (empty for null, blank or unknown). */
    public void setCode(String code) {
        setValue(Language.of(code).orElse(null));
    }
}
