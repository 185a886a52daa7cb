package org.tandem.webui.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.quality.CallQuality;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;
import org.tandem.pbx.trunk.TrunkRegistrations;
import org.tandem.webui.ApplianceTime;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.queue.QueueTiles;
import org.tandem.webui.security.Roles;
import org.tandem.webui.trunks.TrunksView;

/**
 * Registered devices and calls in progress (refreshed every few seconds), the queues, health, and calls per hour; its
 * headings, columns and counts in the UI's language (issue 18).
 */
@Route(value = "", layout = MainLayout.class)
@PageName("Dashboard")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class DashboardView extends VerticalLayout implements TranslatedTitle {

    static final int REFRESH_MILLIS = 2000;
    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss"); // the appliance\'s zone (issue 17)

    private final LocationService locations;
    private final LiveCalls liveCalls;
    private final MediaAnchor anchor;
    private final CallQuality quality;
    private final SystemFigures figures;
    private final Grid<Binding> registrations = new Grid<>(Binding.class, false);
    private final Grid<LiveCalls.LiveCall> calls = new Grid<>(LiveCalls.LiveCall.class, false);
    private final FlexLayout health = new FlexLayout();
    private final FlexLayout trunkStates = new FlexLayout();
    private final TrunkDirectory trunks;
    private final TrunkRegistrations trunkRegistrations;
    private final CallsPerHourChart chart = new CallsPerHourChart(ApplianceTime.zone());
    private final Span registrationCount = new Span();
    private final Span callCount = new Span();
    private int tick;
    private List<TrunkBadge> shownTrunks;
    private Registration polling;
    private final DayNightPanel dayNight;
    private final QueueTiles queueTiles;

    public DashboardView(
            LocationService locations,
            LiveCalls liveCalls,
            SystemFigures figures,
            ApplianceSetup setup,
            MediaAnchor anchor,
            CallQuality quality,
            TrunkDirectory trunks,
            TrunkRegistrations trunkRegistrations,
            TimeConditions timeConditions,
            CallQueues queues,
            QueueCalls queueCalls,
            AuthenticationContext auth) {
        this.queueTiles = new QueueTiles(queues, queueCalls);
        this.dayNight =
                new DayNightPanel(timeConditions, auth.getPrincipalName().orElse("?"), auth.hasRole(Roles.ADMIN));
        this.trunks = trunks;
        this.trunkRegistrations = trunkRegistrations;
        this.anchor = anchor;
        this.quality = quality;
        this.locations = locations;
        this.liveCalls = liveCalls;
        this.figures = figures;
        registrations.setId("registrations");
        registrations
                .addColumn(Binding::extension)
                .setHeader(getTranslation("dashboard.extension"))
                .setAutoWidth(true);
        registrations
                .addColumn(b -> b.sourceAddress() + ":" + b.sourcePort() + " (" + b.transport() + ")")
                .setHeader(getTranslation("dashboard.from"))
                .setAutoWidth(true);
        registrations
                .addColumn(b -> b.userAgent() == null ? "" : b.userAgent())
                .setHeader(getTranslation("dashboard.device"));
        registrations
                .addColumn(b -> TIME.format(b.expiresAt()))
                .setHeader(getTranslation("dashboard.expires"))
                .setAutoWidth(true);
        registrations.setAllRowsVisible(true);
        calls.setId("active-calls");
        calls.addColumn(LiveCalls.LiveCall::caller).setHeader(getTranslation("dashboard.caller"));
        calls.addColumn(LiveCalls.LiveCall::dialled).setHeader(getTranslation("dashboard.dialled"));
        calls.addColumn(c -> c.answeredBy() == null
                        ? getTranslation("dashboard.ringing")
                        : getTranslation("dashboard.talking-with", c.answeredBy()))
                .setHeader(getTranslation("dashboard.state"));
        calls.addColumn(c -> TIME.format(c.startedAt()))
                .setHeader(getTranslation("dashboard.since", ZonedFormat.zoneLabel()));
        calls.addColumn(c -> media(c.callId()))
                .setHeader(getTranslation("dashboard.media"))
                .setFlexGrow(4);
        calls.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        calls.setAllRowsVisible(true);
        health.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        health.getStyle().set("gap", "var(--lumo-space-s)");
        health.setId("health");
        trunkStates.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        trunkStates.getStyle().set("gap", "var(--lumo-space-s)");
        trunkStates.setId("trunk-states");
        registrationCount.setId("registration-count");
        callCount.setId("active-call-count");
        add(new H2(getTranslation("page.dashboard")));
        if (!setup.done()) {
            Anchor banner = new Anchor("setup", getTranslation("dashboard.setup-banner"));
            banner.setId("setup-banner");
            banner.getElement().getThemeList().add("badge contrast");
            add(banner);
        }
        add(
                new H3(getTranslation("dashboard.registered-devices")),
                registrationCount,
                registrations,
                new H3(getTranslation("dashboard.active-calls")),
                callCount,
                calls,
                new H3(getTranslation("page.queues")),
                queueTiles,
                new H3(getTranslation("dashboard.day-night")),
                dayNight,
                new H3(getTranslation("page.trunks")),
                trunkStates,
                new H3(getTranslation("dashboard.health")),
                health,
                new H3(getTranslation("dashboard.calls-per-hour")),
                chart);
        refreshLive();
        refreshSlow();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> {
            refreshLive();
            if (++tick % 15 == 0) refreshSlow();
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }

    private void refreshLive() {
        List<Binding> bound = locations.all();
        List<LiveCalls.LiveCall> live = liveCalls.current();
        registrations.setItems(bound);
        calls.setItems(live);
        queueTiles.refresh();
        registrationCount.setText(
                getTranslation(bound.size() == 1 ? "dashboard.devices.one" : "dashboard.devices.many", bound.size()));
        callCount.setText(
                getTranslation(live.size() == 1 ? "dashboard.calls.one" : "dashboard.calls.many", live.size()));
        showTrunks();
    }

    /**
     * Each trunk and its registration with the provider (issue 17): green when registered, red when it failed (with
     * the provider's answer), neutral while registering or for a trunk that does not register.
     */
    private void showTrunks() {
        List<TrunkBadge> now = trunks.list().stream()
                .map(t -> TrunkBadge.of(t, trunkRegistrations.status(t.id()).orElse(null), k -> getTranslation(k)))
                .toList();
        if (now.equals(shownTrunks)) return; // redraw only on a change
        shownTrunks = now;
        trunkStates.removeAll();
        if (now.isEmpty()) trunkStates.add(new Span(getTranslation("dashboard.no-trunks")));
        for (TrunkBadge b : now) {
            Span badge = new Span(b.text());
            badge.getElement().getThemeList().add(b.theme());
            trunkStates.add(badge);
        }
    }

    /** A trunk as the dashboard shows it: its name and state, and the badge's colour. */
    private record TrunkBadge(String text, String theme) {

        static TrunkBadge of(Trunk t, TrunkRegistrationStatus s, UnaryOperator<String> texts) {
            if (s == null) {
                return new TrunkBadge(
                        t.id() + ": "
                                + texts.apply(
                                        t.register()
                                                ? "dashboard.trunk.registering"
                                                : "dashboard.trunk.no-registration"),
                        "badge contrast");
            }
            String theme = switch (s.state()) {
                case REGISTERED -> "badge success";
                case FAILED -> "badge error";
                default -> "badge contrast";
            };
            return new TrunkBadge(t.id() + ": " + TrunksView.describe(s), theme);
        }
    }

    /** What the relay received from each side, or a direct call's newest quality report: {@link CallMediaText}. */
    private String media(String callId) {
        var relayed = anchor.live(callId);
        return CallMediaText.of(relayed, relayed.isPresent() ? List.of() : quality.reportsOf(callId), getLocale());
    }

    private void refreshSlow() {
        dayNight.refresh();
        health.removeAll();
        for (List<SystemFigures.Figure> group : List.of(figures.health(getLocale()), figures.machine(getLocale()))) {
            for (SystemFigures.Figure f : group) {
                Span badge = new Span(f.name() + ": " + f.value());
                badge.getElement().getThemeList().add(f.ok() ? "badge success" : "badge error");
                health.add(badge);
            }
        }
        chart.show(figures.callsPerHour(Instant.now()));
    }
}
