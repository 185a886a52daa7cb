package org.tandem.webui.about;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.operations.backup.ApplianceAbout;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * What this appliance runs (version, database schema, database, Java, system, host, since when, data directory) and
 * how to update it (issue 17: a version page with update instructions). The appliance cannot look for updates itself
 * (it may have no Internet), so the page says where the new package goes and what happens to the data.
 */
@Route(value = "about", layout = MainLayout.class)
@PageName("About")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class AboutView extends VerticalLayout implements TranslatedTitle {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm");

    public AboutView(ApplianceAbout about) {
        ApplianceAbout.About a = about.now();
        Div facts = new Div();
        facts.setId("about-facts");
        fact(facts, "about-version", getTranslation("about.version"), a.version());
        fact(
                facts,
                "about-schema",
                getTranslation("about.schema"),
                getTranslation("about.schema-version", a.schemaVersion()));
        fact(facts, "about-database", getTranslation("about.database"), a.database());
        fact(facts, "about-java", "Java", a.java());
        fact(facts, "about-os", getTranslation("about.os"), a.operatingSystem());
        fact(facts, "about-host", getTranslation("about.host"), a.host());
        fact(
                facts,
                "about-started",
                getTranslation("about.started"),
                TIME.format(a.startedAt()) + " " + ZonedFormat.zoneLabel());
        fact(facts, "about-data", getTranslation("about.data"), a.dataDir());
        Html steps = new Html("<ol id=\"update-steps\">" + getTranslation("about.update-steps") + "</ol>");
        add(new H2(getTranslation("about.title")), facts, new H3(getTranslation("about.updating")), steps);
    }

    private static void fact(Div facts, String id, String label, String value) {
        Span name = new Span(label + ": ");
        name.getStyle().set("font-weight", "600");
        Span text = new Span(value);
        text.setId(id);
        Div line = new Div(name, text);
        facts.add(line);
    }
}
