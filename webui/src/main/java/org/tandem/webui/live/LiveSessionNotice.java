package org.tandem.webui.live;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.tandem.operations.backup.LiveSession;

/**
 * The live session's warning on every page and on the login page (issue 21, item 5): the ISO's "Try live" looks like
 * an installed appliance, but settings, users and recordings are gone at power-off, as the console also says. Shown
 * only in the live session.
 */
public final class LiveSessionNotice extends Div {

    public LiveSessionNotice(LiveSession session) {
        setId("live-session-notice");
        add(VaadinIcon.WARNING.create(), new Span(" " + getTranslation("live.notice")));
        getStyle()
                .set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("background", "var(--lumo-error-color-10pct)")
                .set("color", "var(--lumo-error-text-color)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("font-size", "var(--lumo-font-size-s)");
        setVisible(session.live());
    }
}
