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
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/**
 * Call queues (issue 18): numbers whose callers wait in line on music until an agent answers; below, every queue's
 * agents now ({@link QueueAgentsGrid}: an admin pauses, resumes, logs in and out), refreshed every few seconds; a link
 * to the wallboard.
 */
@Route(value = "queues", layout = MainLayout.class)
@PageName("Queues")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class QueuesView extends VerticalLayout implements TranslatedTitle {

    private final CallQueues queues;
    private final QueueCalls calls;
    private final Grid<CallQueue> grid = new Grid<>(CallQueue.class, false);
    private final EmptyHint hint = new EmptyHint("queues-hint", getTranslation("queue.hint"));
    private final QueueAgentsGrid agents;

    public QueuesView(
            CallQueues queues,
            QueueCalls calls,
            QueueAgents presences,
            DestinationChoices choices,
            AuthenticationContext auth) {
        this.queues = queues;
        this.calls = calls;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        agents = new QueueAgentsGrid(
                queues, calls, presences, canChange ? QueueAgentsGrid.Actions.ALL : QueueAgentsGrid.Actions.NONE);
        setSizeFull();
        Button add = new Button(
                getTranslation("queue.add"),
                VaadinIcon.PLUS.create(),
                e -> new QueueEditor(queues, choices, null, true, this::refresh).open());
        add.setId("add-queue");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        RouterLink wallboard = new RouterLink(getTranslation("queue.wallboard-link"), QueueWallboardView.class);
        wallboard.setId("open-wallboard");
        grid.setId("queues");
        grid.addColumn(CallQueue::number)
                .setHeader(getTranslation("queue.number"))
                .setAutoWidth(true);
        grid.addColumn(CallQueue::name).setHeader(getTranslation("queue.name"));
        grid.addColumn(q -> QueueEditor.strategyLabel(this, q.strategy()))
                .setHeader(getTranslation("queue.rings"))
                .setAutoWidth(true);
        grid.addColumn(q -> String.join(", ", q.members()))
                .setHeader(getTranslation("queue.agents"))
                .setFlexGrow(2);
        grid.addColumn(q -> calls.status(q.number())
                        .map(s -> Integer.toString(s.waiting().size()))
                        .orElse("0"))
                .setHeader(getTranslation("queue.waiting-now"))
                .setAutoWidth(true);
        grid.addColumn(q -> q.fallback() == null ? getTranslation("queue.hang-up") : choices.label(q.fallback()))
                .setHeader(getTranslation("queue.cannot-wait"));
        grid.addColumn(q -> q.leaveKey() == null ? "" : q.leaveKey() + " → " + choices.label(q.leaveDestination()))
                .setHeader(getTranslation("queue.column.leave-key"));
        grid.addItemClickListener(e -> new QueueEditor(queues, choices, e.getItem(), canChange, this::refresh).open());
        grid.setAllRowsVisible(true);
        add(
                new H2(getTranslation("page.queues")),
                new Paragraph(getTranslation(canChange ? "queue.intro.edit" : "queue.intro.see")),
                new HorizontalLayout(add, wallboard),
                hint,
                grid,
                new H3(getTranslation("queue.agents-now")),
                new Paragraph(getTranslation(canChange ? "queue.agents-now.intro.edit" : "queue.agents-now.intro.see")),
                agents);
        refresh();
    }

    private void refresh() {
        var all = queues.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
        agents.refresh();
    }
}
