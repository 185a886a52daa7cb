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
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordingMode;
import org.tandem.pbx.recording.RecordingRule;
import org.tandem.pbx.recording.RuleScope;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;
import org.tandem.webui.routing.TargetField;

/**
 * Call recordings (issue 18), ADMIN only: everyone's recordings with play, download and delete; which calls are
 * recorded (rules per user, inbound trunk, DID and queue; users also on demand); how long recordings are kept, how
 * much disk they may take, and whether backups carry them.
 */
@Route(value = "recordings", layout = MainLayout.class)
@PageName("Recordings")
@RolesAllowed("ADMIN")
public class RecordingsView extends VerticalLayout implements TranslatedTitle {

    private final CallRecordings recordings;
    private final Grid<RecordingRule> rules = new Grid<>(RecordingRule.class, false);
    private final ComboBox<RuleScope> scope = new ComboBox<>(getTranslation("recording.which-calls"));
    private final TargetField subject;
    private final DestinationChoices choices;
    private final ComboBox<RecordingMode> mode = new ComboBox<>(getTranslation("recording.mode"));
    private final Checkbox announce = new Checkbox(getTranslation("recording.announce"));
    // a TextField, not an IntegerField: the number is checked by the service, whose message is shown at the field
    private final TextField retention = new TextField(getTranslation("recording.retention"));
    private final TextField quota = new TextField(getTranslation("recording.quota"));
    private final Checkbox inBackups = new Checkbox(getTranslation("recording.in-backups"));
    private final FieldErrors ruleErrors = new FieldErrors("recording-rule-error");
    private final FieldErrors policyErrors = new FieldErrors("recording-policy-error");
    /** The rules' subjects as the pickers label them (value → label) per scope, read again with the rules. */
    private Map<RuleScope, Map<String, String>> known = Map.of();

    public RecordingsView(CallRecordings recordings, DestinationChoices choices) {
        this.recordings = recordings;
        this.choices = choices;
        subject = new TargetField(subjectLabel(RuleScope.USER), "rule-subject", choices.users());
        add(
                new H2(getTranslation("recording.title")),
                new Paragraph(getTranslation("recording.intro")),
                new RecordingList(recordings, () -> recordings.list(null, 500), true));

        rules.setId("recording-rules");
        rules.addColumn(r -> scopeLabel(r.scope()))
                .setHeader(getTranslation("recording.which-calls"))
                .setAutoWidth(true);
        rules.addColumn(r -> labelOf(r.scope(), r.subject()))
                .setHeader(getTranslation("recording.who"))
                .setAutoWidth(true);
        rules.addColumn(r -> label(r.mode()))
                .setHeader(getTranslation("recording.mode"))
                .setAutoWidth(true);
        rules.addColumn(r -> r.announce() ? getTranslation("recording.announced") : "")
                .setHeader(getTranslation("recording.announcement"))
                .setAutoWidth(true);
        rules.addComponentColumn(r -> {
                    Button delete = new Button(
                            VaadinIcon.TRASH.create(),
                            e -> Deletion.confirm(
                                    getTranslation(
                                            "recording.rule.named",
                                            subjectNoun(r.scope()),
                                            labelOf(r.scope(), r.subject())),
                                    () -> recordings.deleteRule(r.scope().name(), r.subject()),
                                    this::refreshRules));
                    delete.setId("delete-rule-" + r.scope() + "-" + r.subject());
                    delete.setAriaLabel(getTranslation(
                            "recording.rule.remove", subjectNoun(r.scope()), labelOf(r.scope(), r.subject())));
                    delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return delete;
                })
                .setAutoWidth(true)
                .setFlexGrow(0);
        rules.setAllRowsVisible(true);
        scope.setId("rule-scope");
        // in words, not USER or DID (issue 17, defect 11); the order a person looks for them in
        scope.setItems(RuleScope.USER, RuleScope.QUEUE, RuleScope.DID, RuleScope.TRUNK);
        scope.setItemLabelGenerator(this::scopeLabel);
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
        mode.setItemLabelGenerator(this::label);
        mode.setValue(RecordingMode.ALWAYS);
        mode.setHelperText(getTranslation("recording.mode.help", CallRecordings.KEY_CODE));
        announce.setId("rule-announce");
        announce.setTooltipText(getTranslation("recording.announce.tooltip"));
        ruleErrors
                .bind("scope", scope)
                .bind("subject", subject)
                .bind("mode", mode)
                .bind("announce", announce);
        Button addRule = new Button(getTranslation("recording.save-rule"), e -> saveRule());
        addRule.setId("rule-save");
        addRule.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout ruleForm = new HorizontalLayout(scope, subject, mode, announce, addRule);
        ruleForm.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        retention.setId("recording-retention");
        retention.setValue(Integer.toString(recordings.retentionDays()));
        quota.setId("recording-quota");
        quota.setValue(Integer.toString(recordings.quotaMegabytes()));
        quota.setHelperText(getTranslation("recording.quota.help"));
        inBackups.setId("recording-in-backups");
        inBackups.setValue(recordings.inBackups());
        inBackups.setTooltipText(getTranslation("recording.in-backups.tooltip"));
        policyErrors.bind("retentionDays", retention).bind("quotaMegabytes", quota);
        Button saveRetention = new Button(getTranslation("recording.save"), e -> {
            policyErrors.clear();
            try {
                Integer days = number(retention.getValue());
                Integer megabytes = number(quota.getValue());
                if (days == null) days = -1; // the service's message at the field, not "missing"
                if (megabytes == null) megabytes = -1;
                recordings.setPolicy(days, megabytes, inBackups.getValue());
                Notification.show(getTranslation(
                        "recording.saved",
                        days == 0
                                ? getTranslation("recording.saved.forever")
                                : getTranslation("recording.saved.days", Integer.toString(days)),
                        megabytes == 0
                                ? getTranslation("recording.saved.no-quota")
                                : getTranslation("recording.saved.quota", Integer.toString(megabytes)),
                        getTranslation(
                                inBackups.getValue()
                                        ? "recording.saved.in-backups"
                                        : "recording.saved.not-in-backups")));
            } catch (InvalidInputException x) {
                policyErrors.show(x);
            }
        });
        saveRetention.setId("recording-retention-save");
        HorizontalLayout policy = new HorizontalLayout(retention, quota, inBackups, saveRetention);
        policy.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        add(
                new H3(getTranslation("recording.rules.title")),
                rules,
                ruleForm,
                ruleErrors.formError(),
                new H3(getTranslation("recording.policy.title")),
                policy,
                policyErrors.formError());
        refreshRules();
    }

    private void saveRule() {
        ruleErrors.clear();
        try {
            recordings.setRule(
                    scope.getValue() == null ? null : scope.getValue().name(),
                    subject.text(),
                    mode.getValue() == null ? null : mode.getValue().name(),
                    announce.getValue());
            subject.clear();
            announce.clear();
            refreshRules();
        } catch (InvalidInputException x) {
            ruleErrors.show(inWords(x.fieldErrors(getLocale())));
        }
    }

    /**
     * The service's messages, which name the API's values (ON_DEMAND, NEVER, a QUEUE rule), in the words of this
     * form (issue 17, defect 11).
     */
    private Map<String, String> inWords(Map<String, String> errors) {
        Map<String, String> shown = new LinkedHashMap<>(errors);
        RuleScope s = scope.getValue();
        if (shown.containsKey("mode")
                && mode.getValue() == RecordingMode.ON_DEMAND
                && s != null
                && s != RuleScope.USER) {
            shown.put("mode", getTranslation("recording.error.on-demand." + key(s), CallRecordings.KEY_CODE));
        }
        if (shown.containsKey("announce") && mode.getValue() == RecordingMode.NEVER) {
            shown.put("announce", getTranslation("recording.error.announce-never"));
        }
        return shown;
    }

    /** Which calls a rule is about, in words (the scope's select and the rules' grid). */
    private String scopeLabel(RuleScope s) {
        return getTranslation("recording.scope." + key(s));
    }

    /** The scope's part of its texts' keys ({@code recording.scope.did}). */
    private static String key(RuleScope s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** What a rule's subject is, in a sentence ("the rule for queue 785 · Sales"). */
    private String subjectNoun(RuleScope s) {
        return getTranslation("recording.noun." + key(s));
    }

    private String subjectLabel(RuleScope s) {
        return getTranslation("recording.subject." + key(s));
    }

    /** What exists of the scope's kind, by number and name. */
    private List<DestinationChoices.Choice> subjects(RuleScope s) {
        return switch (s) {
            case USER -> choices.users();
            case TRUNK -> choices.trunks();
            case DID -> choices.dids();
            case QUEUE -> choices.of(DestinationField.Kind.QUEUE);
        };
    }

    /** {@code 201 · Alice Smith} for a rule's subject that exists, else the subject as it is. */
    private String labelOf(RuleScope s, String value) {
        return known.getOrDefault(s, Map.of()).getOrDefault(value, value);
    }

    private String label(RecordingMode mode) {
        return switch (mode) {
            case ALWAYS -> getTranslation("recording.mode.always");
            case NEVER -> getTranslation("recording.mode.never");
            case ON_DEMAND -> getTranslation("recording.mode.on-demand", CallRecordings.KEY_CODE);
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
        List<RecordingRule> now = recordings.rules();
        Map<RuleScope, Map<String, String>> labels = new EnumMap<>(RuleScope.class);
        now.stream()
                .map(RecordingRule::scope)
                .distinct()
                .forEach(s -> labels.put(
                        s,
                        subjects(s).stream()
                                .collect(Collectors.toMap(
                                        DestinationChoices.Choice::value,
                                        DestinationChoices.Choice::label,
                                        (a, b) -> a))));
        known = labels;
        rules.setItems(now);
    }
}
