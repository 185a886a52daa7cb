package org.tandem.webui.frame;

import com.vaadin.flow.component.html.Paragraph;

/**
 * What an empty list page is for and the first step to fill it (issue 17, defect 12: a fresh install's pages showed a
 * bare empty grid). Shown only while the page's list is empty; its id is {@code <page>-hint}.
 */
public final class EmptyHint extends Paragraph {

    public EmptyHint(String id, String text) {
        super(text);
        setId(id);
        addClassName("empty-hint");
        getStyle()
                .set("max-width", "48em")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-left", "3px solid var(--lumo-primary-color-50pct)")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("margin", "0");
        setVisible(false);
    }

    /** Shows the hint when {@code empty}, hides it otherwise. */
    public void showWhen(boolean empty) {
        setVisible(empty);
    }
}
