package org.tandem.webui.ivr;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenuDraft;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;

/** Create or edit one IVR menu; the digit map is one destination field per key. Rules are {@link IvrMenus}'. */
final class IvrMenuEditor extends EditorDialog<IvrMenuDraft> {

    static final String KEYS = "1234567890*#";

    private final TextField name = new TextField(getTranslation("ivr.name"));
    private final TextField greeting = new TextField(getTranslation("ivr.greeting-prompt"));
    private final Checkbox dialByExtension = new Checkbox(getTranslation("ivr.dial-by-extension"));
    private final IntegerField digitTimeout = new IntegerField(getTranslation("ivr.digit-timeout"));
    private final IntegerField interDigitTimeout = new IntegerField(getTranslation("ivr.inter-digit-timeout"));
    private final TextField invalidPrompt = new TextField(getTranslation("ivr.invalid-prompt"));
    private final IntegerField retries = new IntegerField(getTranslation("ivr.retries"));
    private final DestinationField fallback =
            new DestinationField(getTranslation("ivr.fallback"), "ivr-fallback", DestinationField.Kind.all());
    private final Map<String, DestinationField> keys = new LinkedHashMap<>();
    private final LanguageField language = LanguageField.optional(getTranslation("ivr.language"), "ivr-language");

    IvrMenuEditor(IvrMenus menus, DestinationChoices choices, IvrMenu existing, boolean canChange, Runnable changed) {
        super(IvrMenuDraft.class, "ivr-form-error", "name");
        boolean creating = existing == null;
        fallback.offer(choices);
        setHeaderTitle(creating ? getTranslation("ivr.new-menu") : getTranslation("ivr.menu", existing.name()));
        name.setId("ivr-name");
        name.setHelperText(getTranslation("ivr.name.help"));
        name.setReadOnly(!creating);
        greeting.setId("ivr-greeting");
        greeting.setHelperText(getTranslation("ivr.greeting-prompt.help"));
        dialByExtension.setId("ivr-dial-by-extension");
        digitTimeout.setId("ivr-digit-timeout");
        interDigitTimeout.setId("ivr-inter-digit-timeout");
        invalidPrompt.setId("ivr-invalid-prompt");
        retries.setId("ivr-retries");
        fallback.setHelperText(getTranslation("ivr.fallback.help"));
        bind("name", name, stripped());
        bind("greetingPrompt", greeting);
        bind("dialByExtension", dialByExtension);
        bind("digitTimeoutSeconds", digitTimeout);
        bind("interDigitTimeoutSeconds", interDigitTimeout);
        bind("invalidPrompt", invalidPrompt);
        bind("retries", retries);
        bind("fallback", fallback, converter(v -> fallback.textOrNull(), v -> v)); // the text as the field shows it
        bind("language", language, languageCode());
        FormLayout keyMap = new FormLayout();
        // one destination picker per key (issue 17, defect 2): the existing targets by number and name
        keyMap.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("60em", 2));
        for (char k : KEYS.toCharArray()) {
            String key = String.valueOf(k);
            DestinationField f = new DestinationField(
                            getTranslation("ivr.key", key), "ivr-key-" + keyId(k), DestinationField.Kind.all())
                    .offer(choices);
            keys.put(key, f);
            keyMap.add(f);
            errors.bind("options." + key, f);
        }
        // the key map: the keys with a destination, each under its key's picker (errors options.1, ...)
        bindComposed(
                "options",
                () -> {
                    Map<String, String> options = new LinkedHashMap<>();
                    keys.forEach((k, f) -> {
                        if (!f.text().isEmpty()) options.put(k, f.text());
                    });
                    return options;
                },
                options -> options.forEach((k, d) -> keys.get(k).setValue(d)));
        if (creating) {
            read(new IvrMenuDraft("", "", Map.of(), false, 5, 3, "ivr-invalid-option", 2, null, ""));
        } else {
            Map<String, String> options = new LinkedHashMap<>();
            existing.options().forEach((k, d) -> options.put(k, d.toString()));
            read(new IvrMenuDraft(
                    existing.name(),
                    existing.greetingPrompt(),
                    options,
                    existing.dialByExtension(),
                    existing.digitTimeoutSeconds(),
                    existing.interDigitTimeoutSeconds(),
                    existing.invalidPrompt(),
                    existing.retries(),
                    existing.fallback() == null ? null : existing.fallback().toString(),
                    existing.language()));
        }
        FormLayout form = new FormLayout(
                name,
                greeting,
                digitTimeout,
                interDigitTimeout,
                invalidPrompt,
                retries,
                fallback,
                language,
                dialByExtension);
        form.setMaxWidth("48em");
        form.setColspan(fallback, 2);
        H4 keyTitle = new H4(getTranslation("ivr.keys"));
        keyTitle.getElement().setAttribute("id", "options");
        add(form, keyTitle, keyMap, errors.formError());
        readOnlyUnless(canChange);
        keys.values().forEach(f -> f.setReadOnly(!canChange));
        Button close = new Button(getTranslation("ivr.close"), e -> close());
        close.setId("close-ivr-menu");
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("ivr.delete"),
                                "delete-ivr-menu",
                                getTranslation("ivr.menu", existing.name()),
                                () -> menus.usesOfMenu(existing.name()),
                                () -> menus.delete(existing.name()),
                                changed));
            }
            addSaveButton(
                    getTranslation("ivr.save"),
                    "save-ivr-menu",
                    () -> save(
                            draft -> {
                                if (creating) menus.create(draft);
                                else menus.update(draft.name(), draft);
                            },
                            draft -> getTranslation("ivr.menu-saved", draft.name()),
                            changed));
        }
    }

    static String keyId(char k) {
        return k == '*' ? "star" : k == '#' ? "hash" : String.valueOf(k);
    }
}
