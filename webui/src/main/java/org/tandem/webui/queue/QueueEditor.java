package org.tandem.webui.queue;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueueDraft;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;
import org.tandem.webui.routing.TargetsField;

/**
 * Create, edit or delete one queue. The rules are {@link CallQueues}' (the same as the REST API's); each error is shown
 * under its field (an agent's under the agents field).
 */
final class QueueEditor extends Dialog {

    private final TextField number = new TextField("Number");
    private final TextField name = new TextField("Name");
    private final Select<CallQueue.Strategy> strategy = new Select<>();
    private final TargetsField members;
    private final IntegerField agentRing = new IntegerField("Agent ring time (s)");
    private final IntegerField wrapUp = new IntegerField("Wrap-up (s)");
    private final IntegerField maxWait = new IntegerField("Maximum wait (s)");
    private final IntegerField maxCallers = new IntegerField("Maximum callers");
    private final IntegerField announce = new IntegerField("Position every (s)");
    private final IntegerField serviceLevel = new IntegerField("Service level (s)");
    private final DestinationField fallback = new DestinationField("When callers cannot wait", "q-fallback",
            DestinationField.Kind.all());
    private final TextField leaveKey = new TextField("Key to leave the line");
    private final DestinationField leaveDestination = new DestinationField("The key leads to", "q-leave-destination",
            DestinationField.Kind.all());
    private final Checkbox joinEmpty = new Checkbox("Callers may join while no agent is present");
    private final Checkbox leaveWhenEmpty = new Checkbox("Callers leave when no agent is present");
    private final FieldErrors errors = new FieldErrors("q-form-error");
    private final org.tandem.webui.form.LanguageField language =
            org.tandem.webui.form.LanguageField.optional("Language of the announcements", "q-language");

    QueueEditor(CallQueues queues, DestinationChoices choices, CallQueue existing, boolean canChange, Runnable changed) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? "New queue" : "Queue " + existing.number());
        setWidth("56em");
        members = new TargetsField("Agents", "q-members", choices.users());
        fallback.offer(choices);
        leaveDestination.offer(choices);
        number.setId("q-number");
        number.setHelperText("2 to 12 digits, not an extension");
        number.setReadOnly(!creating);
        name.setId("q-name");
        strategy.setId("q-strategy");
        strategy.setLabel("Strategy");
        strategy.setItems(CallQueue.Strategy.values());
        strategy.setItemLabelGenerator(QueueEditor::strategyLabel);
        strategy.setValue(CallQueue.Strategy.RINGALL);
        members.setHelperText("Pick users, or type their numbers or names; they are rung in this order");
        agentRing.setId("q-agent-ring");
        wrapUp.setId("q-wrap-up");
        maxWait.setId("q-max-wait");
        maxWait.setHelperText("0: no limit");
        maxCallers.setId("q-max-callers");
        maxCallers.setHelperText("0: no limit");
        announce.setId("q-announce");
        announce.setHelperText("0: never");
        serviceLevel.setId("q-service-level");
        serviceLevel.setHelperText("Answered within this counts towards the service level");
        fallback.setHelperText("Empty: goodbye and hang up");
        leaveKey.setId("q-leave-key");
        leaveKey.setHelperText("One of 0-9, * or #; empty: callers cannot leave by a key");
        leaveKey.setMaxLength(1);
        leaveDestination.setHelperText("E.g. a voicemail box; said to waiting callers with their position");
        joinEmpty.setId("q-join-empty");
        leaveWhenEmpty.setId("q-leave-when-empty");
        errors.bind("number", number).bind("name", name).bind("strategy", strategy).bind("members", members)
                .bind("agentRingSeconds", agentRing).bind("wrapUpSeconds", wrapUp).bind("maxWaitSeconds", maxWait)
                .bind("maxCallers", maxCallers).bind("announceSeconds", announce)
                .bind("serviceLevelSeconds", serviceLevel).bind("fallback", fallback).bind("leaveKey", leaveKey)
                .bind("leaveDestination", leaveDestination).bind("language", language);
        CallQueue q = existing;
        number.setValue(q == null ? "" : q.number());
        name.setValue(q == null ? "" : q.name());
        if (q != null) strategy.setValue(q.strategy());
        members.choose(q == null ? List.of() : q.members());
        agentRing.setValue(q == null ? 15 : q.agentRingSeconds());
        wrapUp.setValue(q == null ? 10 : q.wrapUpSeconds());
        maxWait.setValue(q == null ? 300 : q.maxWaitSeconds());
        maxCallers.setValue(q == null ? 10 : q.maxCallers());
        announce.setValue(q == null ? 30 : q.announceSeconds());
        serviceLevel.setValue(q == null ? 20 : q.serviceLevelSeconds());
        fallback.setValue(q == null || q.fallback() == null ? "" : q.fallback().toString());
        leaveKey.setValue(q == null || q.leaveKey() == null ? "" : q.leaveKey());
        leaveDestination.setValue(q == null || q.leaveDestination() == null ? "" : q.leaveDestination().toString());
        joinEmpty.setValue(q == null || q.joinEmpty());
        leaveWhenEmpty.setValue(q != null && q.leaveWhenEmpty());
        language.setCode(q == null ? null : q.language());
        FormLayout form = new FormLayout(number, name, strategy, members, agentRing, wrapUp, maxWait, maxCallers,
                announce, serviceLevel, fallback, leaveKey, leaveDestination, language, joinEmpty, leaveWhenEmpty);
        add(form, errors.formError());
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {number, name, strategy, members, agentRing, wrapUp,
                maxWait, maxCallers, announce, serviceLevel, fallback, leaveKey, leaveDestination, language, joinEmpty,
                leaveWhenEmpty}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        getFooter().add(new Button("Close", e -> close()));
        if (canChange) {
            if (!creating) {
                Button delete = new Button("Delete", e -> Deletion.confirm("Queue " + q.number(),
                        queues.usesOf(q.number()), () -> queues.delete(q.number()), () -> {
                            changed.run();
                            close();
                        }));
                delete.setId("delete-queue");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                getFooter().add(delete);
            }
            Button save = new Button("Save", e -> save(queues, creating, changed));
            save.setId("save-queue");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    static String strategyLabel(CallQueue.Strategy s) {
        return switch (s) {
            case RINGALL -> "Ring all free agents";
            case ROUND_ROBIN -> "Round robin (remembers)";
            case LEAST_RECENT -> "Least recently called";
            case FEWEST_CALLS -> "Fewest calls today";
            case RANDOM -> "Random";
        };
    }

    private void save(CallQueues queues, boolean creating, Runnable changed) {
        errors.clear();
        List<String> agents = members.chosen();
        CallQueueDraft draft = new CallQueueDraft(number.getValue().strip(), name.getValue(),
                strategy.getValue() == null ? null : strategy.getValue().name(), agents, agentRing.getValue(),
                wrapUp.getValue(), maxWait.getValue(), maxCallers.getValue(), creating ? fallback.textOrNull()
                : fallback.text(), joinEmpty.getValue(), leaveWhenEmpty.getValue(), announce.getValue(),
                serviceLevel.getValue(), creating && leaveKey.getValue().isBlank() ? null : leaveKey.getValue().strip(),
                creating ? leaveDestination.textOrNull() : leaveDestination.text(), language.code());
        try {
            if (creating) queues.create(draft);
            else queues.update(draft.number(), draft);
            Notification.show("Queue " + draft.number() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            // an agent's error names the agent: "members[1]: there is no extension 999" under the one field
            Map<String, String> shown = new LinkedHashMap<>();
            x.fieldErrors().forEach((field, message) -> shown.merge(field.startsWith("members[") ? "members" : field,
                    message, (a, b) -> a + "; " + b));
            errors.show(shown);
        } catch (DuplicateException x) {
            number.setErrorMessage(x.getMessage());
            number.setInvalid(true);
        }
    }
}
