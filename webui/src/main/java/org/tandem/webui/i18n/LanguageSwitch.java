package org.tandem.webui.i18n;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;

/**
 * The header's language switch: English, Deutsch, Français, Español, each in itself. A choice holds for the browser's
 * session (over its first guess from Accept-Language) and reloads the page in that language.
 */
public final class LanguageSwitch extends Select<Locale> {

    public LanguageSwitch() {
        setId("ui-language");
        setItems(UiTexts.LOCALES);
        setItemLabelGenerator(l -> {
            String name = l.getDisplayLanguage(l);
            return name.substring(0, 1).toUpperCase(l) + name.substring(1);
        });
        setAriaLabel("Language");
        Locale now = UI.getCurrent() == null ? Locale.ENGLISH : UI.getCurrent().getLocale();
        setValue(UiTexts.LOCALES.stream()
                .filter(l -> l.getLanguage().equals(now.getLanguage()))
                .findFirst()
                .orElse(Locale.ENGLISH));
        setWidth("9em");
        addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) return;
            VaadinSession.getCurrent().setLocale(e.getValue());
            UI.getCurrent().getPage().reload();
        });
    }
}
