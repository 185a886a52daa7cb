package org.tandem.webui.operator;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.clicktocall.ClickToCall;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.presence.LineStates;
import org.tandem.pbx.presence.LineStates.Line;
import org.tandem.pbx.presence.LineStates.LineCall;
import org.tandem.pbx.proxy.CallControl;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.queue.QueueAgentsGrid;

/**
 * The operator panel (issue 15): every extension, ring group, park orbit and trunk with what it is doing — idle, ringing
 * with the caller, talking with whom and for how long, parked, do-not-disturb, not registered — changed in the page
 * within a second of the change, pushed by the server (no polling; the durations count on in the browser). A talking
 * call can be hung up, transferred or parked from here; a ringing one transferred (to a number or a voicemail box) or
 * picked up on the operator's own phone, and a talking call recorded (Record / Stop recording). Any line (or a typed number) can be called: the operator's phone rings first
 * ({@link OperatorDialer}, click-to-call). Dragging a line with a call onto another line moves the call there. Below,
 * the queues' agents, whom the front desk pauses and resumes (issue 18).
 */
@Route(value = "operator", layout = MainLayout.class)
@PageName("Operator panel")
@RolesAllowed({"ADMIN", "RECEPTIONIST"})
public class OperatorPanelView extends VerticalLayout implements TranslatedTitle {

    private final LineStates lines;
    private final CallControl calls;
    private final CallPark park;
    private final Grid<Line> grid = new Grid<>(Line.class, false);
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private AutoCloseable listening;
    private final TransferDialog transferDialog;
    private final OperatorDialer dialer;
    /** The operator's own extension, kept in this browser (an operator account has no phone of its own). */
    private final TextField myPhone = new TextField(getTranslation("operator.my-phone"));

    public OperatorPanelView(
            LineStates lines,
            CallControl calls,
            ClickToCall clickToCall,
            CallPark park,
            CallQueues queues,
            QueueCalls queueCalls,
            QueueAgents agents) {
        this.lines = lines;
        this.calls = calls;
        this.park = park;
        grid.setId("operator-lines");
        grid.addColumn(Line::number)
                .setHeader(getTranslation("operator.number"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Line::name).setHeader(getTranslation("operator.name")).setAutoWidth(true);
        grid.addComponentColumn(line -> LineCell.of(line, Instant.now()))
                .setHeader(getTranslation("operator.state"))
                .setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        dragAndDrop();
        myPhone.setId("operator-phone");
        myPhone.setHelperText(getTranslation("operator.my-phone.help"));
        myPhone.addValueChangeListener(e -> {
            myPhone.setInvalid(false);
            if (e.isFromClient()) {
                getElement()
                        .executeJs(
                                "localStorage.setItem('tandem-operator-phone', $0)",
                                e.getValue().strip());
            }
        });
        transferDialog = new TransferDialog(calls);
        dialer = new OperatorDialer(clickToCall, myPhone);
        add(
                new H2(getTranslation("page.operator-panel")),
                new Paragraph(getTranslation("operator.live")),
                myPhone,
                dialer,
                grid,
                transferDialog);
        if (!queues.list().isEmpty()) { // the front desk pauses and resumes queue agents (issue 18)
            add(
                    new H3(getTranslation("operator.queue-agents")),
                    new QueueAgentsGrid(queues, queueCalls, agents, QueueAgentsGrid.Actions.PAUSE_RESUME));
        }
        refresh();
    }

    private HorizontalLayout actions(Line line) {
        LineCall talking = first(line, "talking");
        // a trunk's ringing call also rings at an extension, whose line moves it; an answered one is hung up only
        LineCall movable = movable(line);
        LineCall ringing = line.kind() == LineStates.Kind.TRUNK ? null : first(line, "ringing");
        Button transfer = new Button(getTranslation("operator.transfer"));
        transfer.setId("transfer-" + line.number());
        transfer.addThemeVariants(ButtonVariant.LUMO_SMALL);
        transfer.setEnabled(movable != null);
        if (movable != null) transfer.addClickListener(e -> transferDialog.ask(line.number(), movable));
        Button pickUp = new Button(getTranslation("operator.pick-up"));
        pickUp.setId("pickup-" + line.number());
        pickUp.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
        pickUp.setEnabled(ringing != null);
        if (ringing != null) pickUp.addClickListener(e -> pickUp(line.number(), ringing));
        var buttons = new HorizontalLayout(transfer, pickUp, hangUpButton(line, talking));
        if (line.kind() != LineStates.Kind.PARK_ORBIT) buttons.add(recordButton(line, talking));
        if (line.kind() != LineStates.Kind.TRUNK) { // a trunk's name is no number to dial
            if (line.kind() != LineStates.Kind.PARK_ORBIT) buttons.add(parkButton(line, talking));
            Button call = new Button(getTranslation("operator.call"), e -> dialer.call(line.number(), false));
            call.setId("call-" + line.number());
            call.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            call.setTooltipText(
                    line.kind() == LineStates.Kind.PARK_ORBIT
                            ? getTranslation("operator.call.orbit-tooltip")
                            : getTranslation("operator.call.tooltip", line.number()));
            buttons.addComponentAsFirst(call);
        }
        return buttons;
    }

    /**
     * Park: the other party of the line's answered call is transferred (RFC 3515, as Transfer… does) to the park code,
     * which parks it in the first free orbit, where it waits on hold until someone dials the orbit (or Calls it from
     * its row here); the line is the parker. (Transfer… or a drop onto an orbit's line parks in that orbit: the party is
     * asked to dial the park code and the orbit, {@code CallControl#transfer}, never the orbit's own number, which a
     * phone that does not copy the REFER's Referred-By, RFC 3892 §3, would reach as someone come to take a call.)
     */
    private Button parkButton(Line line, LineCall talking) {
        Button button = new Button(getTranslation("operator.park"));
        button.setId("park-" + line.number());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.setEnabled(talking != null);
        if (talking == null) return button;
        button.addClickListener(e -> {
            // checked first: a blind transfer ends the line's call once accepted, whether or not the party is parked
            ParkSettings settings = park.settings();
            String orbit = lines.lines().stream()
                    .filter(l ->
                            l.kind() == LineStates.Kind.PARK_ORBIT && l.calls().isEmpty())
                    .map(Line::number)
                    .findFirst()
                    .orElse(null);
            if (!settings.enabled() || orbit == null) {
                TransferDialog.say(getTranslation(settings.enabled() ? "operator.park.full" : "operator.park.off"));
                return;
            }
            UI ui = UI.getCurrent();
            calls.transfer(talking.callId(), talking.incoming(), settings.featureCode())
                    .orTimeout(40, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(
                            failure != null
                                    ? getTranslation("operator.park.failed", failure.getMessage())
                                    : status == 404
                                            ? getTranslation("operator.call-ended")
                                            : status >= 300
                                                    ? getTranslation("operator.park.refused", status)
                                                    : getTranslation("operator.park.done", talking.party(), orbit))));
        });
        return button;
    }

    /**
     * Record / Stop recording (issue 18): the on-demand recording a party starts with the key code (*1), started or
     * stopped by the operator; it is listed under Recordings (for admins) like any other. Only a call whose audio passes
     * Tandem's media relay can be recorded: otherwise the click says why.
     */
    private Button recordButton(Line line, LineCall talking) {
        boolean recording = talking != null && calls.isRecording(talking.callId());
        Button button = new Button(getTranslation(recording ? "operator.record.stop" : "operator.record"));
        button.setId("record-" + line.number());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        button.setEnabled(talking != null);
        if (talking == null) return button;
        UI ui = UI.getCurrent();
        button.addClickListener(e -> calls.record(talking.callId(), !recording)
                .orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((outcome, failure) -> ui.access(() -> {
                    TransferDialog.say(
                            failure != null
                                    ? getTranslation(
                                            recording ? "operator.record.stop-failed" : "operator.record.start-failed",
                                            failure.getMessage())
                                    : outcome.message());
                    shown = null; // the button's label follows the recording, not a line change
                    refresh();
                })));
        return button;
    }

    /**
     * A line with a call dragged onto another line: the call goes there — an answered one by a blind transfer of its
     * other party, a ringing one as the operator's forward (as Transfer… does); onto a free park orbit, either is
     * parked in that orbit with the dragged line as the parker.
     */
    private void dragAndDrop() {
        grid.setRowsDraggable(true);
        grid.setDropMode(GridDropMode.ON_TOP);
        grid.setDragFilter(line -> movable(line) != null);
        grid.setDropFilter(line -> line.kind() != LineStates.Kind.TRUNK);
        grid.addDragStartListener(e -> dragged =
                e.getDraggedItems().isEmpty() ? null : e.getDraggedItems().get(0));
        grid.addDragEndListener(e -> dragged = null);
        grid.addDropListener(e -> e.getDropTargetItem().ifPresent(target -> dropped(dragged, target)));
    }

    private Line dragged;

    private void dropped(Line from, Line to) {
        LineCall call = from == null ? null : movable(from);
        if (call == null || from.number().equals(to.number())) return;
        UI ui = UI.getCurrent();
        if ("ringing".equals(call.state())) {
            calls.deflect(call.callId(), from.number(), to.number())
                    .orTimeout(10, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(
                            failure != null
                                    ? getTranslation("operator.send.failed", failure.getMessage())
                                    : status == 200
                                            ? getTranslation("operator.send.sent", call.party(), to.number())
                                            : getTranslation("operator.send.refused-at", status, from.number()))));
        } else {
            calls.transfer(call.callId(), call.incoming(), to.number())
                    .orTimeout(40, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(
                            failure != null
                                    ? getTranslation("operator.transfer.failed", failure.getMessage())
                                    : status >= 200 && status < 300
                                            ? getTranslation(
                                                    to.kind() == LineStates.Kind.PARK_ORBIT
                                                            ? "operator.park.done-in"
                                                            : "operator.transfer.done",
                                                    call.party(),
                                                    to.number())
                                            : status == 404
                                                    ? getTranslation("operator.call-ended")
                                                    : getTranslation("operator.transfer.refused", status))));
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
        return line.calls().stream()
                .filter(c -> state.equals(c.state()) && c.callId() != null)
                .findFirst()
                .orElse(null);
    }

    /** A ringing call comes to the operator's own phone instead (as a forward would). */
    private void pickUp(String line, LineCall ringing) {
        String mine = myPhone.getValue().strip();
        if (!mine.matches("[0-9]{1,32}")) {
            myPhone.setErrorMessage(getTranslation("operator.pick-up.my-phone-missing"));
            myPhone.setInvalid(true);
            myPhone.focus();
            return;
        }
        UI ui = UI.getCurrent();
        calls.deflect(ringing.callId(), line, mine)
                .orTimeout(10, TimeUnit.SECONDS)
                .whenComplete((status, failure) -> ui.access(() -> TransferDialog.say(
                        failure != null
                                ? getTranslation("operator.pick-up.failed", failure.getMessage())
                                : status == 200
                                        ? getTranslation("operator.pick-up.done", ringing.party(), mine)
                                        : status == 404
                                                ? getTranslation("operator.pick-up.not-found", mine)
                                                : getTranslation("operator.pick-up.refused", status))));
    }

    private Button hangUpButton(Line line, LineCall talking) {
        Button hangUp = new Button(getTranslation("operator.hang-up"));
        hangUp.setId("hangup-" + line.number());
        hangUp.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        hangUp.setEnabled(talking != null && talking.callId() != null);
        if (talking != null && talking.callId() != null) {
            UI ui = UI.getCurrent();
            hangUp.addClickListener(e -> calls.hangUp(talking.callId())
                    .orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((ended, failure) -> ui.access(() -> Notification.show(
                            failure != null
                                    ? getTranslation("operator.hang-up.failed", failure.getMessage())
                                    : Boolean.TRUE.equals(ended)
                                            ? getTranslation("operator.hang-up.done", line.number())
                                            : getTranslation("operator.call-ended"),
                            4000,
                            Notification.Position.BOTTOM_START))));
        }
        return hangUp;
    }

    /** Re-renders only when a line really changed: a button the operator is about to click stays where it is. */
    private void refresh() {
        List<Line> now = lines.lines();
        if (now.equals(shown)) return;
        shown = now;
        grid.setItems(now);
    }

    private List<Line> shown;

    /** A change (on a call's thread): one refresh queued into the UI, however many changes come meanwhile. */
    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        getElement()
                .executeJs("return localStorage.getItem('tandem-operator-phone') || ''")
                .then(String.class, v -> {
                    if (myPhone.getValue().isEmpty()) myPhone.setValue(v);
                });
        grid.getElement().executeJs(LineCell.TICKER, (double) Instant.now().toEpochMilli()); // JSON numbers: no Long
        listening = lines.onChange(number -> {
            if (refreshQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshQueued.set(false);
                    refresh();
                    dialer.refresh();
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
