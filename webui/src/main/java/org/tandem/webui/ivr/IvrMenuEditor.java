package org.tandem.webui.ivr;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenuDraft;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;

/** Create or edit one IVR menu; the digit map is one destination field per key. Rules are {@link IvrMenus}'. */
final class IvrMenuEditor extends Dialog {

    static final String KEYS = "1234567890*#";

    private final TextField name = new TextField(getTranslation("ivr.name"));
    private final TextField greeting = new TextField(getTranslation("ivr.greeting-prompt"));
    private final Checkbox dialByExtension = new Checkbox(getTranslation("ivr.dial-by-extension"));
    private final IntegerField digitTimeout = new IntegerField(getTranslation("ivr.digit-timeout"));
    private final IntegerField interDigitTimeout = new IntegerField(getTranslation("ivr.inter-digit-timeout"));
    private final TextField invalidPrompt = new TextField(getTranslation("ivr.invalid-prompt"));
    private final IntegerField retries = new IntegerField(getTranslation("ivr.retries"));
    private final DestinationField fallback = new DestinationField(getTranslation("ivr.fallback"), "ivr-fallback",
            DestinationField.Kind.all());
    private final Map<String, DestinationField> keys = new LinkedHashMap<>();
    private final FieldErrors errors = new FieldErrors("ivr-form-error");
    private final org.tandem.webui.form.LanguageField language =
            org.tandem.webui.form.LanguageField.optional(getTranslation("ivr.language"), "ivr-language");

    IvrMenuEditor(IvrMenus menus, DestinationChoices choices, IvrMenu existing, boolean canChange, Runnable changed) {
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
        errors.bind("name", name).bind("greetingPrompt", greeting).bind("digitTimeoutSeconds", digitTimeout)
                .bind("interDigitTimeoutSeconds", interDigitTimeout).bind("invalidPrompt", invalidPrompt)
                .bind("retries", retries).bind("fallback", fallback).bind("language", language);
        FormLayout keyMap = new FormLayout();
        // one destination picker per key (issue 17, defect 2): the existing targets by number and name
        keyMap.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("60em", 2));
        for (char k : KEYS.toCharArray()) {
            String key = String.valueOf(k);
            DestinationField f = new DestinationField(getTranslation("ivr.key", key), "ivr-key-" + keyId(k), DestinationField.Kind.all())
                    .offer(choices);
            keys.put(key, f);
            keyMap.add(f);
            errors.bind("options." + key, f);
        }
        if (creating) {
            digitTimeout.setValue(5);
            interDigitTimeout.setValue(3);
            retries.setValue(2);
            invalidPrompt.setValue("ivr-invalid-option");
        } else {
            name.setValue(existing.name());
            greeting.setValue(existing.greetingPrompt());
            dialByExtension.setValue(existing.dialByExtension());
            digitTimeout.setValue(existing.digitTimeoutSeconds());
            interDigitTimeout.setValue(existing.interDigitTimeoutSeconds());
            invalidPrompt.setValue(existing.invalidPrompt());
            retries.setValue(existing.retries());
            fallback.setValue(existing.fallback() == null ? "" : existing.fallback().toString());
            language.setCode(existing.language());
            existing.options().forEach((k, d) -> keys.get(k).setValue(d.toString()));
        }
        FormLayout form = new FormLayout(name, greeting, digitTimeout, interDigitTimeout, invalidPrompt, retries,
                fallback, language, dialByExtension);
        form.setMaxWidth("48em");
        form.setColspan(fallback, 2);
        H4 keyTitle = new H4(getTranslation("ivr.keys"));
        keyTitle.getElement().setAttribute("id", "options");
        add(form, keyTitle, keyMap, errors.formError());
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {name, greeting, dialByExtension, digitTimeout,
                interDigitTimeout, invalidPrompt, retries, fallback, language}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        keys.values().forEach(f -> f.setReadOnly(!canChange));
        Button close = new Button(getTranslation("ivr.close"), e -> close());
        close.setId("close-ivr-menu");
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter().add(Deletion.editorButton(this, getTranslation("ivr.delete"), "delete-ivr-menu",
                        getTranslation("ivr.menu", existing.name()), () -> menus.usesOfMenu(existing.name()),
                        () -> menus.delete(existing.name()), changed));
            }
            Button save = new Button(getTranslation("ivr.save"), e -> save(menus, creating, changed));
            save.setId("save-ivr-menu");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    static String keyId(char k) {
        return k == '*' ? "star" : k == '#' ? "hash" : String.valueOf(k);
    }

    private void save(IvrMenus menus, boolean creating, Runnable changed) {
        errors.clear();
        Map<String, String> options = new LinkedHashMap<>();
        keys.forEach((k, f) -> {
            if (!f.text().isEmpty()) options.put(k, f.text());
        });
        IvrMenuDraft draft = new IvrMenuDraft(name.getValue().strip(), greeting.getValue(), options,
                dialByExtension.getValue(), digitTimeout.getValue(), interDigitTimeout.getValue(), invalidPrompt.getValue(),
                retries.getValue(), fallback.textOrNull(), language.code());
        try {
            if (creating) {
                menus.create(draft);
            } else {
                menus.update(draft.name(), draft);
            }
            Notification.show(getTranslation("ivr.menu-saved", draft.name())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x.fieldErrors(getLocale()));
        } catch (DuplicateException x) {
            errors.show(Map.of("name", x.text(getLocale())));
        }
    }
}
