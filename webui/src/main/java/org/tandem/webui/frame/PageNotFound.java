package org.tandem.webui.frame;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An address that is no page (a typo, an old bookmark): says so in words and leads back to the start page, instead
 * of Vaadin's bare "Could not navigate to ...". Anyone may see it: it tells nothing about the appliance.
 */
@AnonymousAllowed
public class PageNotFound extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("page-not-found");
        Anchor home = new Anchor("/", getTranslation("frame.not-found.home"));
        home.setId("page-not-found-home");
        add(
                new H2(getTranslation(
                        "frame.not-found.title", event.getLocation().getPath())),
                new Paragraph(getTranslation("frame.not-found.text")),
                home);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
