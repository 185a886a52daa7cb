package org.tandem.webui.recording;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordingMode;
import org.tandem.pbx.recording.RecordingRule;
import org.tandem.pbx.recording.RuleScope;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;
import org.tandem.webui.routing.TargetField;

/**
 * Call recordings (issue 18), ADMIN only: everyone's recordings with play, download and delete; which calls are
 * recorded (rules per user, inbound trunk, DID and queue; users also on demand); how long recordings are kept, how
 * much disk they may take, and whether backups carry them.
 */
@Route(value = "recordings", layout = MainLayout.class)
@PageTitle("Recordings · Tandem")
@RolesAllowed("ADMIN")
public class RecordingsView extends VerticalLayout {

    private final CallRecordings recordings;
    private final Grid<RecordingRule> rules = new Grid<>(RecordingRule.class, false);
    private final ComboBox<RuleScope> scope = new ComboBox<>("Record calls of");
    private final TargetField subject;
    private final DestinationChoices choices;
    private final ComboBox<RecordingMode> mode = new ComboBox<>("Recording");
    private final Checkbox announce = new Checkbox("Announce \"this call is being recorded\"");
    // a TextField, not an IntegerField: the number is checked by the service, whose message is shown at the field
    private final TextField retention = new TextField("Keep recordings (days, 0 = until deleted)");
    private final TextField quota = new TextField("Disk quota (MB, 0 = none)");
    private final Checkbox inBackups = new Checkbox("Include recordings in backups");
    private final FieldErrors ruleErrors = new FieldErrors("recording-rule-error");
    private final FieldErrors policyErrors = new FieldErrors("recording-policy-error");

    public RecordingsView(CallRecordings recordings, DestinationChoices choices) {
        this.recordings = recordings;
        this.choices = choices;
        subject = new TargetField(subjectLabel(RuleScope.USER), "rule-subject", choices.users());
        add(new H2("Recordings"),
                new Paragraph("Recorded calls, newest first: the caller on the left channel, the callee on the right. "
                        + "Only calls through the media relay that use G.711 (PCMU/PCMA) are recorded."),
                new RecordingList(recordings, () -> recordings.list(null, 500), true));

        rules.setId("recording-rules");
        rules.addColumn(r -> scopeLabel(r.scope())).setHeader("Of").setAutoWidth(true);
        rules.addColumn(RecordingRule::subject).setHeader("Who").setAutoWidth(true);
        rules.addColumn(r -> label(r.mode())).setHeader("Recording").setAutoWidth(true);
        rules.addColumn(r -> r.announce() ? "Announced" : "").setHeader("Announcement").setAutoWidth(true);
        rules.addComponentColumn(r -> {
            Button delete = new Button(VaadinIcon.TRASH.create(), e -> Deletion.confirm(
                    "Recording rule for " + scopeLabel(r.scope()).toLowerCase(java.util.Locale.ROOT) + " "
                            + labelOf(r.scope(), r.subject()),
                    () -> recordings.deleteRule(r.scope().name(), r.subject()), this::refreshRules));
            delete.setId("delete-rule-" + r.scope() + "-" + r.subject());
            delete.setAriaLabel("Remove the rule for " + r.subject());
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return delete;
        }).setAutoWidth(true).setFlexGrow(0);
        rules.setAllRowsVisible(true);
        scope.setId("rule-scope");
        scope.setItems(RuleScope.values());
        scope.setValue(RuleScope.USER);
        // the subject is picked among what exists of the scope's kind: users, trunks, DIDs with a route, queues
        scope.addValueChangeListener(e -> {
            RuleScope s = e.getValue() == null ? RuleScope.USER : e.getValue();
            subject.setLabel(subjectLabel(s));
            subject.clear();
            subject.offer(subjects(s));
        });
        mode.setId("rule-mode");
        mode.setItems(RecordingMode.values());
        mode.setItemLabelGenerator(RecordingsView::label);
        mode.setValue(RecordingMode.ALWAYS);
        mode.setHelperText("Never wins: a call is not recorded if any party's rule says Never. On demand (users "
                + "only): the user dials " + CallRecordings.KEY_CODE + " during a call to start and stop recording");
        announce.setId("rule-announce");
        announce.setTooltipText("Both parties hear it when the recording starts");
        ruleErrors.bind("scope", scope).bind("subject", subject).bind("mode", mode).bind("announce", announce);
        Button addRule = new Button("Save rule", e -> saveRule());
        addRule.setId("rule-save");
        addRule.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout ruleForm = new HorizontalLayout(scope, subject, mode, announce, addRule);
        ruleForm.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        retention.setId("recording-retention");
        retention.setValue(Integer.toString(recordings.retentionDays()));
        quota.setId("recording-quota");
        quota.setValue(Integer.toString(recordings.quotaMegabytes()));
        quota.setHelperText("Beyond it the oldest recordings are deleted");
        inBackups.setId("recording-in-backups");
        inBackups.setValue(recordings.inBackups());
        inBackups.setTooltipText("Off: backups are smaller, and restoring one leaves no call recordings");
        policyErrors.bind("retentionDays", retention).bind("quotaMegabytes", quota);
        Button saveRetention = new Button("Save", e -> {
            policyErrors.clear();
            try {
                Integer days = number(retention.getValue());
                Integer megabytes = number(quota.getValue());
                if (days == null) days = -1; // the service's message at the field, not "missing"
                if (megabytes == null) megabytes = -1;
                recordings.setPolicy(days, megabytes, inBackups.getValue());
                Notification.show("Recordings are kept " + (days == 0 ? "until deleted" : days + " days")
                        + (megabytes == 0 ? ", with no disk quota" : ", at most " + megabytes + " MB")
                        + (inBackups.getValue() ? ", in backups" : ", not in backups"));
            } catch (InvalidInputException x) {
                policyErrors.show(x);
            }
        });
        saveRetention.setId("recording-retention-save");
        HorizontalLayout policy = new HorizontalLayout(retention, quota, inBackups, saveRetention);
        policy.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        add(new H3("Which calls are recorded"), rules, ruleForm, ruleErrors.formError(),
                new H3("Retention, disk quota and backups"), policy, policyErrors.formError());
        refreshRules();
    }

    private void saveRule() {
        ruleErrors.clear();
        try {
            recordings.setRule(scope.getValue() == null ? null : scope.getValue().name(), subject.text(),
                    mode.getValue() == null ? null : mode.getValue().name(), announce.getValue());
            subject.clear();
            announce.clear();
            refreshRules();
        } catch (InvalidInputException x) {
            ruleErrors.show(x);
        }
    }

    private static String scopeLabel(RuleScope s) {
        return switch (s) {
            case USER -> "User";
            case TRUNK -> "Inbound trunk";
            case DID -> "Inbound route (DID)";
            case QUEUE -> "Queue";
        };
    }

    private static String subjectLabel(RuleScope s) {
        return switch (s) {
            case USER -> "User";
            case TRUNK -> "Trunk";
            case DID -> "DID";
            case QUEUE -> "Queue";
        };
    }

    /** What exists of the scope's kind, by number and name. */
    private java.util.List<DestinationChoices.Choice> subjects(RuleScope s) {
        return switch (s) {
            case USER -> choices.users();
            case TRUNK -> choices.trunks();
            case DID -> choices.dids();
            case QUEUE -> choices.of(DestinationField.Kind.QUEUE);
        };
    }

    /** {@code 201 · Alice Smith} for a rule's subject that exists, else the subject as it is. */
    private String labelOf(RuleScope s, String value) {
        return subjects(s).stream().filter(c -> c.value().equals(value)).map(DestinationChoices.Choice::label)
                .findFirst().orElse(value);
    }

    private static String label(RecordingMode mode) {
        return switch (mode) {
            case ALWAYS -> "Always";
            case NEVER -> "Never";
            case ON_DEMAND -> "On demand (" + CallRecordings.KEY_CODE + ")";
        };
    }

    /** The field's text as a number, or null. */
    private static Integer number(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void refreshRules() {
        rules.setItems(recordings.rules());
    }
}
