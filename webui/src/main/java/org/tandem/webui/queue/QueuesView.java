package org.tandem.webui.queue;

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
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/**
 * Call queues (issue 18): numbers whose callers wait in line on music until an agent answers; below, every queue's
 * agents now ({@link QueueAgentsGrid}: an admin pauses, resumes, logs in and out), refreshed every few seconds; a link
 * to the wallboard.
 */
@Route(value = "queues", layout = MainLayout.class)
@PageTitle("Queues · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class QueuesView extends VerticalLayout {

    private final CallQueues queues;
    private final QueueCalls calls;
    private final Grid<CallQueue> grid = new Grid<>(CallQueue.class, false);
    private final EmptyHint hint = new EmptyHint("queues-hint",
            "No queues yet. A queue lets callers wait in line, on music, until one of its agents is free, "
            + "as a support or order line does. First step: \"Add queue\" with a number and its agents "
            + "(extensions); then point an inbound route or an IVR key at it.");
    private final QueueAgentsGrid agents;

    public QueuesView(CallQueues queues, QueueCalls calls, QueueAgents presences, DestinationChoices choices,
                      AuthenticationContext auth) {
        this.queues = queues;
        this.calls = calls;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        agents = new QueueAgentsGrid(queues, calls, presences,
                canChange ? QueueAgentsGrid.Actions.ALL : QueueAgentsGrid.Actions.NONE);
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
        grid.addColumn(q -> q.fallback() == null ? "Hang up" : choices.label(q.fallback())).setHeader("Cannot wait");
        grid.addColumn(q -> q.leaveKey() == null ? "" : q.leaveKey() + " → " + choices.label(q.leaveDestination())).setHeader("Leave key");
        grid.addItemClickListener(e -> new QueueEditor(queues, choices, e.getItem(), canChange, this::refresh).open());
        grid.setAllRowsVisible(true);
        add(new H2("Queues"), new Paragraph("Callers wait in line on music and are answered in turn by the agents; "
                + "click a row to " + (canChange ? "edit it." : "see it.")), new HorizontalLayout(add, wallboard),
                hint, grid,
                new H3("Agents now"), new Paragraph("Static members and those logged in (*45<queue>, the portal"
                + (canChange ? " or here" : "") + "); paused agents (*47, the portal, the API"
                + (canChange ? ", here" : "") + ") are not rung."), agents);
        refresh();
    }

    private void refresh() {
        var all = queues.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
        agents.refresh();
    }
}
