package org.tandem.webui.frame;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import org.tandem.webui.i18n.UiTexts;

/**
 * The application shell: server push (WebSocket, falling back to long polling), so live pages such as the operator
 * panel show a change when it happens instead of polling for it (issue 15).
 */
@Push
public class AppShell implements AppShellConfigurator {

    /** The product's name, the same in every language (the pages' headings); the texts' own ({@link UiTexts#PRODUCT}). */
    public static final String PRODUCT = UiTexts.PRODUCT;
}
