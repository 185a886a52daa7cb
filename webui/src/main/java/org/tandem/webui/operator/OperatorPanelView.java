package org.tandem.webui.operator;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.presence.LineStates;
import org.tandem.pbx.presence.LineStates.Line;
import org.tandem.pbx.presence.LineStates.LineCall;
import org.tandem.pbx.proxy.CallControl;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.queue.QueueAgentsGrid;

/**
 * The operator panel (issue 15): every extension, ring group, park orbit and trunk with what it is doing — idle, ringing
 * with the caller, talking with whom since when, parked, do-not-disturb, not registered — changed in the page
 * within a second of the change, pushed by the server (no polling). A talking call can be hung up or transferred
 * from here; a ringing one transferred (to a number or a voicemail box) or picked up on the operator's own phone.
 * Dragging a line with a call onto another line moves the call there. Below, the queues' agents, whom the front desk
 * pauses and resumes (issue 18).
 */
@Route(value = "operator", layout = MainLayout.class)
@PageTitle("Operator panel · Tandem")
@RolesAllowed({"ADMIN", "RECEPTIONIST"})
public class OperatorPanelView extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss");

    private final LineStates lines;
    private final CallControl calls;
    private final Grid<Line> grid = new Grid<>(Line.class, false);
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private AutoCloseable listening;
    private final TransferDialog transferDialog;
    /** The operator's own extension, kept in this browser (an operator account has no phone of its own). */
    private final com.vaadin.flow.component.textfield.TextField myPhone =
            new com.vaadin.flow.component.textfield.TextField("My phone");

    public OperatorPanelView(LineStates lines, CallControl calls, org.tandem.pbx.queue.CallQueues queues,
                             org.tandem.pbx.queue.QueueCalls queueCalls, org.tandem.pbx.queue.QueueAgents agents) {
        this.lines = lines;
        this.calls = calls;
        grid.setId("operator-lines");
        grid.addColumn(Line::number).setHeader("Number").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Line::name).setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(this::stateCell).setHeader("State").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        dragAndDrop();
        myPhone.setId("operator-phone");
        myPhone.setHelperText("Pick up sends a ringing call to this extension");
        myPhone.addValueChangeListener(e -> {
            myPhone.setInvalid(false);
            if (e.isFromClient()) {
                getElement().executeJs("localStorage.setItem('tandem-operator-phone', $0)", e.getValue().strip());
            }
        });
        transferDialog = new TransferDialog(calls);
        add(new H2("Operator panel"), new Paragraph("Live: changes show here as they happen."), myPhone, grid,
                transferDialog);
        if (!queues.list().isEmpty()) { // the front desk pauses and resumes queue agents (issue 18)
            add(new com.vaadin.flow.component.html.H3("Queue agents"), new QueueAgentsGrid(queues, queueCalls, agents,
                    QueueAgentsGrid.Actions.PAUSE_RESUME));
        }
        refresh();
    }

    private Span stateCell(Line line) {
        Span cell = new Span(describe(line));
        cell.setId("line-" + line.number());
        cell.getElement().setAttribute("data-state", line.summary());
        String color = switch (line.summary()) {
            case "ringing" -> "var(--lumo-warning-color)";
            case "talking", "dialling", "parked" -> "var(--lumo-error-color)";
            case "idle" -> "var(--lumo-success-color)";
            default -> "var(--lumo-secondary-text-color)";
        };
        cell.getStyle().set("color", color).set("font-weight", "600");
        return cell;
    }

    /** "ringing · Dana Caller <311>", "talking with Eve <312> since 10:42:05", "DND", "not registered", "idle". */
    static String describe(Line line) {
        if (line.calls().isEmpty()) return line.summary();
        StringBuilder text = new StringBuilder();
        for (LineCall c : line.calls()) {
            if (!text.isEmpty()) text.append("; ");
            text.append(switch (c.state()) {
                case "ringing" -> "ringing · " + c.party();
                case "talking" -> "talking with " + c.party() + since(c);
                case "dialling" -> "calling " + c.party();
                case "parked" -> "parked: " + c.party() + since(c);
                default -> c.state();
            });
        }
        return text.toString();
    }

    private static String since(LineCall c) {
        return c.since() == null ? "" : " since " + TIME.format(c.since());
    }

    private com.vaadin.flow.component.orderedlayout.HorizontalLayout actions(Line line) {
        LineCall talking = first(line, "talking");
        // a trunk's ringing call also rings at an extension, whose line moves it; an answered one is hung up only
        LineCall movable = movable(line);
        LineCall ringing = line.kind() == LineStates.Kind.TRUNK ? null : first(line, "ringing");
        Button transfer = new Button("Transfer…");
        transfer.setId("transfer-" + line.number());
        transfer.addThemeVariants(ButtonVariant.LUMO_SMALL);
        transfer.setEnabled(movable != null);
        if (movable != null) transfer.addClickListener(e -> transferDialog.ask(line.number(), movable));
        Button pickUp = new Button("Pick up");
        pickUp.setId("pickup-" + line.number());
        pickUp.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
        pickUp.setEnabled(ringing != null);
        if (ringing != null) pickUp.addClickListener(e -> pickUp(line.number(), ringing));
        return new com.vaadin.flow.component.orderedlayout.HorizontalLayout(transfer, pickUp,
                hangUpButton(line, talking));
    }

    /**
     * A line with a call dragged onto another line: the call goes there — an answered one by a blind transfer of its
     * other party (onto a park orbit: parked), a ringing one as the operator's forward (as Transfer… does).
     */
    private void dragAndDrop() {
        grid.setRowsDraggable(true);
        grid.setDropMode(com.vaadin.flow.component.grid.dnd.GridDropMode.ON_TOP);
        grid.setDragFilter(line -> movable(line) != null);
        grid.setDropFilter(line -> line.kind() != LineStates.Kind.TRUNK);
        grid.addDragStartListener(e -> dragged = e.getDraggedItems().isEmpty() ? null : e.getDraggedItems().get(0));
        grid.addDragEndListener(e -> dragged = null);
        grid.addDropListener(e -> e.getDropTargetItem().ifPresent(target -> dropped(dragged, target)));
    }

    private Line dragged;

    private void dropped(Line from, Line to) {
        LineCall call = from == null ? null : movable(from);
        if (call == null || from.number().equals(to.number())) return;
        UI ui = UI.getCurrent();
        if ("ringing".equals(call.state())) {
            calls.deflect(call.callId(), from.number(), to.number()).orTimeout(10, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(failure != null
                            ? "Could not send the call on: " + failure.getMessage()
                            : status == 200 ? "Sent " + call.party() + " to " + to.number()
                            : "Refused (" + status + "); the call rings on at " + from.number())));
        } else {
            calls.transfer(call.callId(), call.incoming(), to.number()).orTimeout(40, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(failure != null
                            ? "Could not transfer: " + failure.getMessage()
                            : status >= 200 && status < 300 ? "Transferred " + call.party() + " to " + to.number()
                            : status == 404 ? "That call had ended already"
                            : "The phone refused the transfer (" + status + "); the call goes on")));
        }
    }

    /** The call an operator may move from this line (answered first, else ringing; none on a trunk's line). */
    private static LineCall movable(Line line) {
        if (line.kind() == LineStates.Kind.TRUNK) return null;
        LineCall talking = first(line, "talking");
        return talking != null ? talking : first(line, "ringing");
    }

    /** The first call of the line in this state whose Call-ID Tandem knows, or null. */
    private static LineCall first(Line line, String state) {
        return line.calls().stream().filter(c -> state.equals(c.state()) && c.callId() != null).findFirst().orElse(null);
    }

    /** A ringing call comes to the operator's own phone instead (as a forward would). */
    private void pickUp(String line, LineCall ringing) {
        String mine = myPhone.getValue().strip();
        if (!mine.matches("[0-9]{1,32}")) {
            myPhone.setErrorMessage("your extension, to pick up calls on your phone");
            myPhone.setInvalid(true);
            myPhone.focus();
            return;
        }
        UI ui = UI.getCurrent();
        calls.deflect(ringing.callId(), line, mine).orTimeout(10, TimeUnit.SECONDS)
                .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(failure != null
                        ? "Could not pick up: " + failure.getMessage()
                        : status == 200 ? ringing.party() + " rings on your phone (" + mine + ")"
                        : status == 404 ? "No extension " + mine + ", or the call stopped ringing"
                        : "Refused (" + status + ")")));
    }

    private Button hangUpButton(Line line, LineCall talking) {
        Button hangUp = new Button("Hang up");
        hangUp.setId("hangup-" + line.number());
        hangUp.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        hangUp.setEnabled(talking != null && talking.callId() != null);
        if (talking != null && talking.callId() != null) {
            UI ui = UI.getCurrent();
            hangUp.addClickListener(e -> calls.hangUp(talking.callId()).orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((ended, failure) -> ui.access(() -> Notification.show(failure != null
                            ? "Could not hang up: " + failure.getMessage()
                            : Boolean.TRUE.equals(ended) ? "Hung up " + line.number() + "'s call"
                            : "That call had ended already", 4000, Notification.Position.BOTTOM_START))));
        }
        return hangUp;
    }

    /** Re-renders only when a line really changed: a button the operator is about to click stays where it is. */
    private void refresh() {
        java.util.List<Line> now = lines.lines();
        if (now.equals(shown)) return;
        shown = now;
        grid.setItems(now);
    }

    private java.util.List<Line> shown;

    /** A change (on a call's thread): one refresh queued into the UI, however many changes come meanwhile. */
    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        getElement().executeJs("return localStorage.getItem('tandem-operator-phone') || ''")
                .then(String.class, v -> {
                    if (myPhone.getValue().isEmpty()) myPhone.setValue(v);
                });
        listening = lines.onChange(number -> {
            if (refreshQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            }
        });
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        try {
            if (listening != null) listening.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
