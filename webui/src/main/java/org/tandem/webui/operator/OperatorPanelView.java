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

/**
 * The operator panel (issue 15): every extension, ring group and park orbit with what it is doing — idle, ringing
 * with the caller, talking with whom since when, parked, do-not-disturb, not registered — changed in the page
 * within a second of the change, pushed by the server (no polling). A talking call can be hung up from here.
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

    public OperatorPanelView(LineStates lines, CallControl calls) {
        this.lines = lines;
        this.calls = calls;
        grid.setId("operator-lines");
        grid.addColumn(Line::number).setHeader("Number").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Line::name).setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(this::stateCell).setHeader("State").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(new H2("Operator panel"), new Paragraph("Live: changes show here as they happen."), grid,
                transferDialog());
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
        LineCall talking = line.calls().stream().filter(c -> "talking".equals(c.state())).findFirst().orElse(null);
        Button transfer = new Button("Transfer…");
        transfer.setId("transfer-" + line.number());
        transfer.addThemeVariants(ButtonVariant.LUMO_SMALL);
        transfer.setEnabled(talking != null && talking.callId() != null);
        if (talking != null && talking.callId() != null) transfer.addClickListener(e -> askTarget(line, talking));
        return new com.vaadin.flow.component.orderedlayout.HorizontalLayout(transfer, hangUpButton(line, talking));
    }

    /**
     * The other party of the line's call goes to the number the operator types (a blind transfer, RFC 3515): the
     * caller when the line was called, the callee when it called. The one dialog lives in the view from the start
     * (not in the grid's cell that a pushed refresh may replace while it opens), and is filled for each transfer.
     */
    private void askTarget(Line line, LineCall call) {
        transferring = new Transfer(line.number(), call);
        transferDialog.setHeaderTitle("Transfer " + call.party() + " (on " + line.number() + ")");
        transferTarget.clear();
        transferTarget.setInvalid(false);
        transferDialog.open();
        transferTarget.focus();
    }

    private record Transfer(String line, LineCall call) { }

    private Transfer transferring;
    private final com.vaadin.flow.component.dialog.Dialog transferDialog = new com.vaadin.flow.component.dialog.Dialog();
    private final com.vaadin.flow.component.textfield.TextField transferTarget =
            new com.vaadin.flow.component.textfield.TextField("To extension, park orbit or number");

    private com.vaadin.flow.component.dialog.Dialog transferDialog() {
        transferTarget.setId("transfer-target");
        Button go = new Button("Transfer", e -> transfer());
        go.setId("transfer-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> transferDialog.close());
        cancel.setId("transfer-cancel");
        transferDialog.add(transferTarget);
        transferDialog.getFooter().add(cancel, go);
        return transferDialog;
    }

    private void transfer() {
        Transfer t = transferring;
        String to = transferTarget.getValue().strip();
        if (!to.matches("[0-9*#+]{1,32}")) {
            transferTarget.setErrorMessage("digits, *, # or +");
            transferTarget.setInvalid(true);
            return;
        }
        UI ui = UI.getCurrent();
        transferDialog.close();
        if (t == null) return;
        LineCall call = t.call();
        calls.transfer(call.callId(), call.incoming(), to).orTimeout(40, TimeUnit.SECONDS)
                .whenComplete((status, failure) -> ui.access(() -> Notification.show(failure != null
                        ? "Could not transfer: " + failure.getMessage()
                        : status == 404 ? "That call had ended already"
                        : status >= 300 ? "The phone refused the transfer (" + status + "); the call goes on"
                        : "Transferred " + call.party() + " to " + to, 5000, Notification.Position.BOTTOM_START)));
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
