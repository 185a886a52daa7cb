package org.tandem.webui.i18n;

import com.vaadin.flow.router.HasDynamicTitle;

/**
 * The browser tab's title of a page in the UI's language (issue 18: the web UI's texts in de/fr/es): its
 * {@link PageName}'s text ({@code page.users}: "Benutzer") and the product, "Benutzer · Tandem"; a name without a text
 * stays English. In place of Vaadin's {@code @PageTitle}, whose text is fixed.
 */
public interface TranslatedTitle extends HasDynamicTitle {

    /** Component's own. */
    String getTranslation(String key, Object... params);

    @Override
    default String getPageTitle() {
        PageName name = getClass().getAnnotation(PageName.class);
        if (name == null) return UiTexts.PRODUCT;
        String key = UiTexts.pageKey(name.value());
        String text = getTranslation(key);
        return (text == null || text.equals(key) ? name.value() : text) + " · " + UiTexts.PRODUCT;
    }
}
