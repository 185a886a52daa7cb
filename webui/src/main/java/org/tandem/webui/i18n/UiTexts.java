package org.tandem.webui.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * The web UI's texts in English, German, French and Spanish ({@code i18n/ui*.properties}), for Vaadin's
 * {@code getTranslation}. Vaadin picks the first of {@link #getProvidedLocales()} the browser's Accept-Language names
 * (English when none), and {@link LanguageSwitch} changes it for the session. A key a language lacks is English; an
 * unknown key is shown as itself, so a page never shows an empty label.
 */
@Component
public class UiTexts implements I18NProvider {

    private static final String BUNDLE = "i18n/ui";
    /** Never the JVM's default locale as a fallback: a server in Germany still shows English to whoever asks for it. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    /** English first: the default. */
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("es"));

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        String text;
        try {
            text = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return params.length == 0 ? text : new MessageFormat(text, locale).format(params);
    }

    private static ResourceBundle bundle(Locale locale) {
        Locale language = locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale.getLanguage());
        boolean provided = LOCALES.stream().anyMatch(l -> l.getLanguage().equals(language.getLanguage()));
        return ResourceBundle.getBundle(BUNDLE, provided ? language : Locale.ENGLISH, UiTexts.class.getClassLoader(),
                CONTROL);
    }

    /** The key of a side-menu page's title ("IVR menus" is {@code page.ivr-menus}). */
    public static String pageKey(String englishTitle) {
        return "page." + englishTitle.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
