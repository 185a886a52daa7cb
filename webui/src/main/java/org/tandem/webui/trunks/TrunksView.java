package org.tandem.webui.trunks;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.trunk.ProviderTemplate;
import org.tandem.pbx.trunk.ProviderTemplates;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProbes;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;
import org.tandem.pbx.trunk.TrunkRegistrations;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.i18n.UiTexts;
import org.tandem.webui.security.Roles;

/**
 * SIP trunks to providers with the live state of their outbound registration (RFC 3261 §10.2 as a
 * client: registered, or failed with the provider's answer), refreshed every few seconds.
 */
@Route(value = "trunks", layout = MainLayout.class)
@PageName("Trunks")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class TrunksView extends VerticalLayout implements TranslatedTitle {

    private static final int REFRESH_MILLIS = 3000;

    private final TrunkDirectory trunks;
    private final TrunkRegistrations registrations;
    private final TrunkProbes probes;
    private String shown = "";
    private final Grid<Trunk> grid = new Grid<>(Trunk.class, false);
    private final EmptyHint hint = new EmptyHint("trunks-hint", getTranslation("trunks.hint"));
    private Registration polling;

    public TrunksView(
            TrunkDirectory trunks,
            TrunkRegistrations registrations,
            AuthenticationContext auth,
            TrunkProbes probes,
            ProviderTemplates templates) {
        this.probes = probes;
        this.trunks = trunks;
        this.registrations = registrations;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        Button add = new Button(
                getTranslation("trunks.add-trunk"),
                VaadinIcon.PLUS.create(),
                e -> new TrunkEditor(trunks, probes, templates, null, true, this::refresh, null).open());
        add.setId("add-trunk");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        // issue 17: a provider's settings as data; the admin types the account and password
        Select<ProviderTemplate> fromTemplate = new Select<>();
        fromTemplate.setId("trunk-from-template");
        fromTemplate.setPlaceholder(getTranslation("trunks.from-template"));
        fromTemplate.setAriaLabel(getTranslation("trunks.from-template.aria"));
        fromTemplate.setItems(templates.list());
        fromTemplate.setItemLabelGenerator(ProviderTemplate::name);
        fromTemplate.addValueChangeListener(e -> {
            if (e.getValue() == null || !e.isFromClient()) return;
            new TrunkEditor(trunks, probes, templates, null, true, this::refresh, e.getValue()).open();
            fromTemplate.clear();
        });
        fromTemplate.setVisible(canChange);
        HorizontalLayout adding = new HorizontalLayout(add, fromTemplate);
        adding.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        grid.setId("trunks");
        grid.addColumn(Trunk::id).setHeader(getTranslation("trunks.name")).setAutoWidth(true);
        grid.addColumn(t -> t.host() + ":" + t.port() + " " + t.transport().toUpperCase(Locale.ROOT))
                .setHeader(getTranslation("trunks.provider"));
        grid.addColumn(t -> t.username() == null ? "" : t.username()).setHeader(getTranslation("trunks.account"));
        grid.addColumn(t ->
                        registrations.status(t.id()).map(TrunksView::describe).orElse(""))
                .setHeader(getTranslation("trunks.registration"))
                .setFlexGrow(2);
        grid.addColumn(t -> t.maxChannels() == null
                        ? getTranslation("trunks.no-limit")
                        : t.maxChannels().toString())
                .setHeader(getTranslation("trunks.channels"));
        grid.addItemClickListener(
                e -> new TrunkEditor(trunks, probes, templates, e.getItem(), canChange, this::refresh, null).open());
        // all rows sent at once (a handful of trunks), so a refresh never waits on the browser asking for rows
        grid.setAllRowsVisible(true);
        add(
                new H2(getTranslation("page.trunks")),
                new Paragraph(getTranslation(canChange ? "trunks.intro.edit" : "trunks.intro.see")),
                adding,
                hint,
                grid);
        refresh();
    }

    /**
     * A trunk's registration in words (here and on the dashboard), in the language of the page that asks; English
     * outside a page. The provider's reason stays as it sent it.
     */
    public static String describe(TrunkRegistrationStatus s) {
        return switch (s.state()) {
            case DISABLED -> text("trunks.registration.off");
            case REGISTERING -> text("trunks.registration.registering");
            case REGISTERED -> text("trunks.registration.registered");
            case FAILED ->
                text(
                        "trunks.registration.failed",
                        s.reason() == null ? text("trunks.registration.no-answer") : s.reason());
        };
    }

    private static final UiTexts TEXTS = new UiTexts();

    /** A text in the current page's language (for the dashboard and the site search), or English without a page. */
    static String text(String key, Object... params) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation(key, params) : TEXTS.getTranslation(key, Locale.ENGLISH, params);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refreshIfChanged());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }

    private void refresh() {
        List<Trunk> all = trunks.list();
        shown = snapshot(all);
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }

    /** On each poll: redraw only when a trunk or a registration state changed (no flicker, no lost clicks). */
    private void refreshIfChanged() {
        if (!snapshot(trunks.list()).equals(shown)) refresh();
    }

    private String snapshot(List<Trunk> all) {
        StringBuilder sb = new StringBuilder();
        for (Trunk t : all) {
            sb.append(t)
                    .append('|')
                    .append(registrations
                            .status(t.id())
                            .map(TrunksView::describe)
                            .orElse(""))
                    .append('\n');
        }
        return sb.toString();
    }
}
