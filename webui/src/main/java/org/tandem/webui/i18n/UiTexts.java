package org.tandem.webui.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * The web UI's texts in English, German, French and Spanish, for Vaadin's {@code getTranslation}. A feature's texts live
 * beside each other in its own bundle, named after its package and its keys' first part ({@code trunks.name} is in
 * {@code i18n/trunks*.properties}); texts shared by several pages (menu, page titles, portal) are in
 * {@code i18n/ui*.properties}, which is also where a key is looked for when its feature has no bundle or lacks it. Vaadin picks the first of {@link #getProvidedLocales()} the browser's Accept-Language names
 * (English when none), and {@link LanguageSwitch} changes it for the session. A key a language lacks is English; an
 * unknown key is shown as itself, so a page never shows an empty label.
 */
@Component
public class UiTexts implements I18NProvider {

    /** The product's name, the same in every language (page titles, headings). */
    public static final String PRODUCT = "Tandem";

    private static final String BUNDLE = "i18n/ui";
    /** Never the JVM's default locale as a fallback: a server in Germany still shows English to whoever asks for it. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    /** English first: the default. */
    public static final List<Locale> LOCALES =
            List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"));

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        String text = find(featureOf(key), key, locale);
        if (text == null) text = find(BUNDLE, key, locale);
        if (text == null) return key;
        return params.length == 0 ? text : new MessageFormat(text, locale).format(params);
    }

    /** The bundle of a key's feature: {@code i18n/trunks} for {@code trunks.name}. */
    public static String featureOf(String key) {
        int dot = key.indexOf('.');
        return dot <= 0 ? BUNDLE : "i18n/" + key.substring(0, dot);
    }

    private static String find(String bundle, String key, Locale locale) {
        try {
            return bundle(bundle, locale).getString(key);
        } catch (MissingResourceException e) { // no such bundle, or no such key in it; ResourceBundle caches both
            return null;
        }
    }

    private static ResourceBundle bundle(String name, Locale locale) {
        Locale language = locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale.getLanguage());
        boolean provided = LOCALES.stream().anyMatch(l -> l.getLanguage().equals(language.getLanguage()));
        return ResourceBundle.getBundle(
                name, provided ? language : Locale.ENGLISH, UiTexts.class.getClassLoader(), CONTROL);
    }

    /** The key of a side-menu page's title ("IVR menus" is {@code page.ivr-menus}). */
    public static String pageKey(String englishTitle) {
        return "page." + englishTitle.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
