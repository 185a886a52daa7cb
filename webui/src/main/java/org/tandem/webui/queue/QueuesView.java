package org.tandem.webui.queue;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/**
 * Call queues (issue 18): numbers whose callers wait in line on music until an agent answers; below, every queue's
 * agents now (a paused agent with their reason and since when), refreshed every few seconds; a link to the wallboard.
 */
@Route(value = "queues", layout = MainLayout.class)
@PageTitle("Queues · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class QueuesView extends VerticalLayout {

    static final int REFRESH_MILLIS = 3000;
    private static final ZonedFormat SINCE = ZonedFormat.of("yyyy-MM-dd HH:mm");

    /** One agent of one queue, as the agents grid shows it. */
    record AgentRow(String queue, QueueStatus.Agent agent) {
    }

    private final CallQueues queues;
    private final QueueCalls calls;
    private final Grid<CallQueue> grid = new Grid<>(CallQueue.class, false);
    private final Grid<AgentRow> agents = new Grid<>(AgentRow.class, false);
    private com.vaadin.flow.shared.Registration polling;

    public QueuesView(CallQueues queues, QueueCalls calls, DestinationChoices choices, AuthenticationContext auth) {
        this.queues = queues;
        this.calls = calls;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button("Add queue", VaadinIcon.PLUS.create(),
                e -> new QueueEditor(queues, choices, null, true, this::refresh).open());
        add.setId("add-queue");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        RouterLink wallboard = new RouterLink("Wallboard (for a TV screen)", QueueWallboardView.class);
        wallboard.setId("open-wallboard");
        grid.setId("queues");
        grid.addColumn(CallQueue::number).setHeader("Number").setAutoWidth(true);
        grid.addColumn(CallQueue::name).setHeader("Name");
        grid.addColumn(q -> QueueEditor.strategyLabel(q.strategy())).setHeader("Rings").setAutoWidth(true);
        grid.addColumn(q -> String.join(", ", q.members())).setHeader("Agents").setFlexGrow(2);
        grid.addColumn(q -> calls.status(q.number()).map(s -> Integer.toString(s.waiting().size())).orElse("0"))
                .setHeader("Waiting now").setAutoWidth(true);
        grid.addColumn(q -> q.fallback() == null ? "hang up" : q.fallback().toString()).setHeader("Cannot wait");
        grid.addColumn(q -> q.leaveKey() == null ? "" : q.leaveKey() + " → " + q.leaveDestination()).setHeader("Leave key");
        grid.addItemClickListener(e -> new QueueEditor(queues, choices, e.getItem(), canChange, this::refresh).open());
        grid.setAllRowsVisible(true);
        agents.setId("queue-agents");
        agents.addColumn(AgentRow::queue).setHeader("Queue").setAutoWidth(true);
        agents.addColumn(r -> r.agent().extension()).setHeader("Agent").setAutoWidth(true);
        agents.addColumn(r -> stateLabel(r.agent())).setHeader("State").setAutoWidth(true);
        agents.addColumn(r -> r.agent().paused() ? SINCE.format(r.agent().pausedSince()) : "")
                .setHeader("Paused since " + ZonedFormat.zoneLabel()).setAutoWidth(true);
        agents.addColumn(r -> !r.agent().paused() ? "" : r.agent().pausedReason() == null ? "(no reason given)"
                : r.agent().pausedReason()).setHeader("Pause reason").setFlexGrow(2);
        agents.setAllRowsVisible(true);
        add(new H2("Queues"), new Paragraph("Callers wait in line on music and are answered in turn by the agents; "
                + "click a row to " + (canChange ? "edit it." : "see it.")), new HorizontalLayout(add, wallboard), grid,
                new H3("Agents now"), new Paragraph("Static members and those logged in (*45<queue>); paused agents "
                + "(*47, the portal or the API) are not rung."), agents);
        refresh();
    }

    static String stateLabel(QueueStatus.Agent a) {
        String state = switch (a.state()) {
            case IDLE -> "available";
            case RINGING -> "ringing";
            case IN_QUEUE_CALL -> "in a queue call";
            case PAUSED -> "paused";
            case WRAP_UP -> "wrap-up";
            case BUSY -> "in another call";
            case DND -> "do not disturb";
            case UNAVAILABLE -> "no phone registered";
        };
        return a.paused() && a.state() != org.tandem.pbx.queue.AgentState.PAUSED ? state + " (paused)" : state;
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refreshAgents());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }

    private void refresh() {
        grid.setItems(queues.list());
        refreshAgents();
    }

    private void refreshAgents() {
        List<AgentRow> rows = new ArrayList<>();
        for (CallQueue q : queues.list()) {
            calls.status(q.number()).ifPresent(s -> s.agents().forEach(a -> rows.add(new AgentRow(q.number(), a))));
        }
        agents.setItems(rows);
    }
}
