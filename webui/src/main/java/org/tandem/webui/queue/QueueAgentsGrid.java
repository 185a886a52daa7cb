package org.tandem.webui.queue;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.QueueAgents.Presence;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueStatus;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;

/**
 * Every queue's agents now (static members and those logged in; a paused one with their reason and since when),
 * refreshed every few seconds, with what the viewer may do to each (issue 18): an ADMIN pauses (with the reason typed
 * above), resumes, logs in and logs out, as the agent's *45-*48 and portal do; the front desk (the operator panel) only
 * pauses and resumes; a read-only account sees. All of it through {@link QueueAgents}, as the REST API.
 */
public final class QueueAgentsGrid extends VerticalLayout {

    /** What the viewer may do to an agent. */
    public enum Actions {
        /** look only (OPERATOR) */
        NONE,
        /** pause and resume logged-in agents (the front desk) */
        PAUSE_RESUME,
        /** also log users in and dynamic agents out (ADMIN) */
        ALL
    }

    static final int REFRESH_MILLIS = 3000;
    private static final ZonedFormat SINCE = ZonedFormat.of("yyyy-MM-dd HH:mm");

    /** Why an agent pauses, by the name {@link QueueAgents#set} gives its error. */
    private record Pause(String reason) {}

    /** A user to log in to a queue. */
    private record Login(String queue, String extension) {}

    /** One agent of one queue, as the grid shows it. */
    record AgentRow(String queue, boolean member, QueueStatus.Agent agent) {}

    private final CallQueues queues;
    private final QueueCalls calls;
    private final QueueAgents agents;
    private final Actions actions;
    private final TextField reason = new TextField(getTranslation("queue.pause-reason"));
    private final Grid<AgentRow> grid = new Grid<>(AgentRow.class, false);
    private final Select<String> loginQueue = new Select<>();
    private final TextField loginExtension = new TextField(getTranslation("queue.extension"));
    /** The reason of a pause (the rows' buttons); what the service refuses about the change itself on its line. */
    private final DraftForm<Pause> pauseForm =
            DraftForm.of(Pause.class, "queue-agent-error", null).bind("reason", reason);
    /** Logging a user in to a queue (ADMIN). */
    private final DraftForm<Login> loginForm;

    private List<AgentRow> shown;
    private List<String> loginQueues;
    private Registration polling;

    public QueueAgentsGrid(CallQueues queues, QueueCalls calls, QueueAgents agents, Actions actions) {
        this.queues = queues;
        this.calls = calls;
        this.agents = agents;
        this.actions = actions;
        loginForm = DraftForm.of(Login.class, "login-agent-error", null)
                .bind("queue", loginQueue, q -> q != null, getTranslation("queue.choose-queue"))
                .bind("extension", loginExtension, e -> !e.isBlank(), getTranslation("queue.users-extension"));
        setPadding(false);
        grid.setId("queue-agents");
        grid.addColumn(AgentRow::queue).setHeader(getTranslation("queue.queue")).setAutoWidth(true);
        grid.addColumn(r -> r.member()
                        ? r.agent().extension()
                        : getTranslation("queue.agent.logged-in", r.agent().extension()))
                .setHeader(getTranslation("queue.agent"))
                .setAutoWidth(true);
        grid.addColumn(r -> stateLabel(r.agent()))
                .setHeader(getTranslation("queue.state"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.agent().paused() ? SINCE.format(r.agent().pausedSince()) : "")
                .setHeader(getTranslation("queue.paused-since", ZonedFormat.zoneLabel()))
                .setAutoWidth(true);
        grid.addColumn(r -> !r.agent().paused()
                        ? ""
                        : r.agent().pausedReason() == null
                                ? getTranslation("queue.no-reason")
                                : r.agent().pausedReason())
                .setHeader(getTranslation("queue.pause-reason"))
                .setFlexGrow(2);
        if (actions != Actions.NONE) {
            // wide enough for two buttons (Pause, Log out) whatever the rows show at first
            grid.addComponentColumn(this::buttons)
                    .setHeader("")
                    .setWidth("14em")
                    .setFlexGrow(0);
            reason.setId("queue-pause-reason");
            reason.setHelperText(getTranslation("queue.pause-reason.help"));
            reason.setMaxLength(64);
            pauseForm.read(new Pause(""));
            add(reason, pauseForm.errors().formError());
        }
        grid.setAllRowsVisible(true);
        add(grid);
        if (actions == Actions.ALL) add(loginRow(), loginForm.errors().formError());
        refresh();
    }

    String stateLabel(QueueStatus.Agent a) {
        String state = getTranslation(
                switch (a.state()) {
                    case IDLE -> "queue.state.idle";
                    case RINGING -> "queue.state.ringing";
                    case IN_QUEUE_CALL -> "queue.state.in-queue-call";
                    case PAUSED -> "queue.state.paused";
                    case WRAP_UP -> "queue.state.wrap-up";
                    case BUSY -> "queue.state.busy";
                    case DND -> "queue.state.dnd";
                    case UNAVAILABLE -> "queue.state.unavailable";
                });
        return a.paused() && a.state() != AgentState.PAUSED ? getTranslation("queue.state.also-paused", state) : state;
    }

    private HorizontalLayout loginRow() {
        loginQueue.setLabel(getTranslation("queue.login-queue"));
        loginQueue.setId("login-queue");
        loginQueue.setItemLabelGenerator(
                n -> n + queues.find(n).map(q -> " · " + q.name()).orElse(""));
        loginExtension.setId("login-extension");
        loginExtension.setHelperText(getTranslation("queue.login-extension.help"));
        loginExtension.setWidth("10em");
        loginForm.read(new Login(null, ""));
        Button login = new Button(getTranslation("queue.log-in"), e -> logIn());
        login.setId("login-agent");
        HorizontalLayout form = new HorizontalLayout(loginQueue, loginExtension, login);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private HorizontalLayout buttons(AgentRow r) {
        HorizontalLayout row = new HorizontalLayout();
        String q = r.queue();
        String ext = r.agent().extension();
        if (r.agent().paused()) {
            row.add(button(
                    getTranslation("queue.resume"),
                    "agent-resume-" + q + "-" + ext,
                    () -> change(q, ext, Presence.AVAILABLE, false)));
        } else {
            row.add(button(
                    getTranslation("queue.pause"),
                    "agent-pause-" + q + "-" + ext,
                    () -> change(q, ext, Presence.PAUSED, true)));
        }
        if (actions == Actions.ALL && !r.member()) {
            row.add(button(
                    getTranslation("queue.log-out"),
                    "agent-logout-" + q + "-" + ext,
                    () -> change(q, ext, Presence.LOGGED_OUT, false)));
        }
        return row;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private void logIn() {
        AtomicBoolean found = new AtomicBoolean();
        if (!loginForm.save(l -> found.set(stored(l.queue(), l.extension().strip(), Presence.AVAILABLE, null)))) return;
        if (found.get()) {
            loginForm.read(new Login(loginQueue.getValue(), ""));
        } else {
            loginForm
                    .errors()
                    .show(Map.of(
                            "extension",
                            getTranslation(
                                    "queue.no-such-extension",
                                    loginExtension.getValue().strip())));
        }
    }

    /** A row's button: the reason typed above goes with a pause. */
    private void change(String queue, String extension, Presence presence, boolean withReason) {
        AtomicBoolean found = new AtomicBoolean();
        if (pauseForm.save(p -> found.set(stored(queue, extension, presence, withReason ? p.reason() : null)))
                && !found.get()) {
            pauseForm.errors().showForm(getTranslation("queue.no-such-extension", extension));
        }
    }

    /**
     * Stores an agent's presence and says so.
     *
     * @return false when there is no such queue or user; what the service refuses (state, reason) it throws
     */
    private boolean stored(String queue, String extension, Presence presence, String why) {
        var stored = agents.set(queue, extension, presence.name(), why);
        if (stored.isEmpty()) return false;
        QueueAgents.AgentPresence p = stored.get();
        String what = switch (p.presence()) {
            case AVAILABLE -> getTranslation("queue.now.available", extension);
            case PAUSED ->
                p.reason() == null
                        ? getTranslation("queue.now.paused", extension)
                        : getTranslation("queue.now.paused-for", extension, p.reason());
            case LOGGED_OUT -> getTranslation("queue.now.logged-out", extension);
        };
        Notification.show(getTranslation("queue.changed", queue, what))
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
        return true;
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }

    /** Re-renders only on a change, so that a button about to be clicked stays where it is. */
    public void refresh() {
        List<CallQueue> all = queues.list();
        List<AgentRow> rows = new ArrayList<>();
        for (CallQueue q : all) {
            calls.status(q.number())
                    .ifPresent(s -> s.agents()
                            .forEach(a -> rows.add(
                                    new AgentRow(q.number(), q.members().contains(a.extension()), a))));
        }
        if (actions == Actions.ALL) {
            List<String> numbers = all.stream().map(CallQueue::number).toList();
            if (!numbers.equals(loginQueues)) {
                String chosen = loginQueue.getValue();
                loginQueues = numbers;
                loginQueue.setItems(numbers);
                if (chosen != null && numbers.contains(chosen)) loginQueue.setValue(chosen);
            }
        }
        if (rows.equals(shown)) return;
        shown = rows;
        grid.setItems(rows);
    }
}
