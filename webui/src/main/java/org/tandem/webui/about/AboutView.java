package org.tandem.webui.about;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.backup.ApplianceAbout;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/**
 * What this appliance runs (version, database schema, database, Java, system, host, since when, data directory) and
 * how to update it (issue 17: a version page with update instructions). The appliance cannot look for updates itself
 * (it may have no Internet), so the page says where the new package goes and what happens to the data.
 */
@Route(value = "about", layout = MainLayout.class)
@PageTitle("About · Tandem")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class AboutView extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm");

    public AboutView(ApplianceAbout about) {
        ApplianceAbout.About a = about.now();
        Div facts = new Div();
        facts.setId("about-facts");
        fact(facts, "about-version", "Tandem version", a.version());
        fact(facts, "about-schema", "Database schema", "version " + a.schemaVersion());
        fact(facts, "about-database", "Database", a.database());
        fact(facts, "about-java", "Java", a.java());
        fact(facts, "about-os", "Operating system", a.operatingSystem());
        fact(facts, "about-host", "Host name", a.host());
        fact(facts, "about-started", "Running since", TIME.format(a.startedAt()) + " " + ZonedFormat.zoneLabel());
        fact(facts, "about-data", "Data directory", a.dataDir());
        Html steps = new Html("<ol id=\"update-steps\">"
                + "<li><a href=\"backup\">Take a backup</a> and keep it off the appliance.</li>"
                + "<li>Copy the new package <code>tandem_&lt;version&gt;_all.deb</code> to the appliance (the same .deb"
                + " updates an appliance installed from the ISO).</li>"
                + "<li>On the appliance, as root: <code>apt install ./tandem_&lt;version&gt;_all.deb</code>. Tandem"
                + " restarts; its database is migrated on start; settings, voicemail, recordings and the database are"
                + " kept. Calls in progress are cut: update outside office hours.</li>"
                + "<li>Come back to this page: the version above is the new one. If Tandem does not come up,"
                + " <code>journalctl -u tandem</code> says why; restore the backup on the Backup page or reinstall the"
                + " previous .deb.</li></ol>");
        add(new H2("About this appliance"), facts, new H3("Updating"), steps);
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
