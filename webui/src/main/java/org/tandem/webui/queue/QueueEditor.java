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

    private final TextField number = new TextField(getTranslation("queue.number"));
    private final TextField name = new TextField(getTranslation("queue.name"));
    private final Select<CallQueue.Strategy> strategy = new Select<>();
    private final TargetsField members;
    private final IntegerField agentRing = new IntegerField(getTranslation("queue.agent-ring"));
    private final IntegerField wrapUp = new IntegerField(getTranslation("queue.wrap-up"));
    private final IntegerField maxWait = new IntegerField(getTranslation("queue.max-wait"));
    private final IntegerField maxCallers = new IntegerField(getTranslation("queue.max-callers"));
    private final IntegerField announce = new IntegerField(getTranslation("queue.announce"));
    private final IntegerField serviceLevel = new IntegerField(getTranslation("queue.service-level"));
    private final DestinationField fallback = new DestinationField(getTranslation("queue.fallback"), "q-fallback",
            DestinationField.Kind.all());
    private final TextField leaveKey = new TextField(getTranslation("queue.leave-key"));
    private final DestinationField leaveDestination = new DestinationField(getTranslation("queue.leave-destination"),
            "q-leave-destination", DestinationField.Kind.all());
    private final Checkbox joinEmpty = new Checkbox(getTranslation("queue.join-empty"));
    private final Checkbox leaveWhenEmpty = new Checkbox(getTranslation("queue.leave-when-empty"));
    private final FieldErrors errors = new FieldErrors("q-form-error");
    private final org.tandem.webui.form.LanguageField language =
            org.tandem.webui.form.LanguageField.optional(getTranslation("queue.language"), "q-language");

    QueueEditor(CallQueues queues, DestinationChoices choices, CallQueue existing, boolean canChange, Runnable changed) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? getTranslation("queue.new") : getTranslation("queue.title", existing.number()));
        setWidth("56em");
        members = new TargetsField(getTranslation("queue.agents"), "q-members", choices.users());
        fallback.offer(choices);
        leaveDestination.offer(choices);
        number.setId("q-number");
        number.setHelperText(getTranslation("queue.number.help"));
        number.setReadOnly(!creating);
        name.setId("q-name");
        strategy.setId("q-strategy");
        strategy.setLabel(getTranslation("queue.strategy"));
        strategy.setItems(CallQueue.Strategy.values());
        strategy.setItemLabelGenerator(s -> strategyLabel(this, s));
        strategy.setValue(CallQueue.Strategy.RINGALL);
        members.setHelperText(getTranslation("queue.agents.help"));
        agentRing.setId("q-agent-ring");
        wrapUp.setId("q-wrap-up");
        maxWait.setId("q-max-wait");
        maxWait.setHelperText(getTranslation("queue.no-limit"));
        maxCallers.setId("q-max-callers");
        maxCallers.setHelperText(getTranslation("queue.no-limit"));
        announce.setId("q-announce");
        announce.setHelperText(getTranslation("queue.announce.help"));
        serviceLevel.setId("q-service-level");
        serviceLevel.setHelperText(getTranslation("queue.service-level.help"));
        fallback.setHelperText(getTranslation("queue.fallback.help"));
        leaveKey.setId("q-leave-key");
        leaveKey.setHelperText(getTranslation("queue.leave-key.help"));
        leaveKey.setMaxLength(1);
        leaveDestination.setHelperText(getTranslation("queue.leave-destination.help"));
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
        getFooter().add(new Button(getTranslation("queue.close"), e -> close()));
        if (canChange) {
            if (!creating) {
                getFooter().add(Deletion.editorButton(this, getTranslation("queue.delete"), "delete-queue",
                        getTranslation("queue.title", q.number()), () -> queues.usesOf(q.number()),
                        () -> queues.delete(q.number()), changed));
            }
            Button save = new Button(getTranslation("queue.save"), e -> save(queues, creating, changed));
            save.setId("save-queue");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    /** A strategy in the words of the page that shows it. */
    static String strategyLabel(com.vaadin.flow.component.Component page, CallQueue.Strategy s) {
        return page.getTranslation(switch (s) {
            case RINGALL -> "queue.strategy.ringall";
            case ROUND_ROBIN -> "queue.strategy.round-robin";
            case LEAST_RECENT -> "queue.strategy.least-recent";
            case FEWEST_CALLS -> "queue.strategy.fewest-calls";
            case RANDOM -> "queue.strategy.random";
        });
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
            Notification.show(getTranslation("queue.saved", draft.number())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            // an agent's error names the agent: "members[1]: there is no extension 999" under the one field
            Map<String, String> shown = new LinkedHashMap<>();
            x.fieldErrors(getLocale()).forEach((field, message) -> shown.merge(field.startsWith("members[") ? "members" : field,
                    message, (a, b) -> a + "; " + b));
            errors.show(shown);
        } catch (DuplicateException x) {
            number.setErrorMessage(x.text(getLocale()));
            number.setInvalid(true);
        }
    }
}
