package org.tandem.webui.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.QueueAgents.AgentPresence;
import org.tandem.pbx.queue.QueueAgents.Presence;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;

/**
 * A user's queues in the portal (issue 18): every queue with their presence in it; they log in and out (not of a queue
 * whose static agent they are), pause with the reason typed above (shown to the admins) and resume, as *45-*48 do.
 */
final class PortalQueues extends VerticalLayout {

    private static final ZonedFormat SINCE = ZonedFormat.of("yyyy-MM-dd HH:mm");

    private final String extension;
    private final QueueAgents agents;
    private final CallQueues queues;
    private final TextField reason = new TextField();
    private final Grid<AgentPresence> grid = new Grid<>(AgentPresence.class, false);
    /** The reason of a pause; what the service refuses about the change itself on the line under it. */
    private final DraftForm<Pause> form =
            DraftForm.of(Pause.class, "my-queues-error", null).bind("reason", reason);

    /** Why the user pauses, by the name {@link QueueAgents#set} gives its error. */
    private record Pause(String reason) {}

    PortalQueues(String extension, QueueAgents agents, CallQueues queues) {
        this.extension = extension;
        this.agents = agents;
        this.queues = queues;
        reason.setId("my-pause-reason");
        reason.setLabel(getTranslation("portal.queues.reason"));
        reason.setHelperText(getTranslation("portal.queues.reason.help"));
        reason.setMaxLength(64);
        grid.setId("my-queues");
        grid.addColumn(p -> p.queue() + " · "
                        + queues.find(p.queue()).map(q -> q.name()).orElse(""))
                .setHeader(getTranslation("portal.queues.queue"));
        grid.addColumn(this::describe)
                .setHeader(getTranslation("portal.queues.you"))
                .setFlexGrow(2);
        // wide enough for two buttons (Pause, Log out) whatever the rows show at first
        grid.addComponentColumn(this::actions).setHeader("").setWidth("14em").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        form.read(new Pause(""));
        add(
                new Paragraph(getTranslation("portal.queues.intro")),
                reason,
                form.errors().formError(),
                grid);
        refresh();
    }

    String describe(AgentPresence p) {
        String who = getTranslation(
                p.member()
                        ? "portal.queues.static"
                        : p.presence() == Presence.LOGGED_OUT ? "portal.queues.logged-out" : "portal.queues.logged-in");
        if (p.presence() != Presence.PAUSED) return who;
        return getTranslation("portal.queues.paused-since", who, SINCE.format(p.pausedSince()))
                + (p.reason() == null ? "" : " (" + p.reason() + ")");
    }

    private HorizontalLayout actions(AgentPresence p) {
        HorizontalLayout row = new HorizontalLayout();
        String q = p.queue();
        if (p.presence() == Presence.LOGGED_OUT) {
            row.add(button(
                    getTranslation("portal.queues.log-in"),
                    "queue-login-" + q,
                    () -> change(q, Presence.AVAILABLE, false)));
        } else {
            if (p.presence() == Presence.PAUSED) {
                row.add(button(
                        getTranslation("portal.queues.resume"),
                        "queue-resume-" + q,
                        () -> change(q, Presence.AVAILABLE, false)));
            } else {
                row.add(button(
                        getTranslation("portal.queues.pause"),
                        "queue-pause-" + q,
                        () -> change(q, Presence.PAUSED, true)));
            }
            if (!p.member())
                row.add(button(
                        getTranslation("portal.queues.log-out"),
                        "queue-logout-" + q,
                        () -> change(q, Presence.LOGGED_OUT, false)));
        }
        return row;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    /** A row's button: the reason typed above goes with a pause. */
    private void change(String queue, Presence presence, boolean withReason) {
        form.save(p -> agents.set(queue, extension, presence.name(), withReason ? p.reason() : null)
                .ifPresent(now -> Notification.show(getTranslation("portal.queues.changed", queue, describe(now)))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS)));
        refresh();
    }

    private void refresh() {
        grid.setItems(agents.presenceOf(extension));
    }
}
