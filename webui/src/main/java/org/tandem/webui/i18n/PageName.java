package org.tandem.webui.i18n;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page's name in English ("Users"), from which {@link TranslatedTitle} makes the browser tab's title in the UI's
 * language ("Benutzer · Tandem"); the text is the {@link UiTexts#pageKey page key} of the name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PageName {
    String value();
}
