package org.tandem.webui.queue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.function.SerializableSupplier;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueueDraft;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;
import org.tandem.webui.routing.TargetsField;

/**
 * Create, edit or delete one queue. The rules are {@link CallQueues}' (the same as the REST API's); each error is shown
 * under its field (an agent's under the agents field).
 */
final class QueueEditor extends EditorDialog<CallQueueDraft> {

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
    private final DestinationField fallback =
            new DestinationField(getTranslation("queue.fallback"), "q-fallback", DestinationField.Kind.all());
    private final TextField leaveKey = new TextField(getTranslation("queue.leave-key"));
    private final DestinationField leaveDestination = new DestinationField(
            getTranslation("queue.leave-destination"), "q-leave-destination", DestinationField.Kind.all());
    private final Checkbox joinEmpty = new Checkbox(getTranslation("queue.join-empty"));
    private final Checkbox leaveWhenEmpty = new Checkbox(getTranslation("queue.leave-when-empty"));
    private final LanguageField language = LanguageField.optional(getTranslation("queue.language"), "q-language");

    QueueEditor(
            CallQueues queues, DestinationChoices choices, CallQueue existing, boolean canChange, Runnable changed) {
        super(CallQueueDraft.class, "q-form-error", "number");
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
        bind("number", number, stripped());
        bind("name", name);
        bind("strategy", strategy, converter(CallQueue.Strategy::name, CallQueue.Strategy::valueOf));
        // the agents in the order chosen; an agent's error ("members[1]: there is no extension 999") under the field
        bindComposed("members", members::chosen, members::choose);
        errors.bind("members", members).mapping(n -> n.startsWith("members[") ? "members" : n);
        bind("agentRingSeconds", agentRing);
        bind("wrapUpSeconds", wrapUp);
        bind("maxWaitSeconds", maxWait);
        bind("maxCallers", maxCallers);
        bind("announceSeconds", announce);
        bind("serviceLevelSeconds", serviceLevel);
        // a new queue leaves what is empty unset (null); an edit sends "" to clear it
        bind("fallback", fallback, shown(() -> creating ? fallback.textOrNull() : fallback.text()));
        bind("leaveKey", leaveKey, converter(k -> creating && k.isBlank() ? null : k.strip(), k -> k));
        bind(
                "leaveDestination",
                leaveDestination,
                shown(() -> creating ? leaveDestination.textOrNull() : leaveDestination.text()));
        bind("joinEmpty", joinEmpty);
        bind("leaveWhenEmpty", leaveWhenEmpty);
        bind("language", language, languageCode());
        CallQueue q = existing;
        read(
                q == null
                        ? CallQueueDraft.defaults()
                        : new CallQueueDraft(
                                q.number(),
                                q.name(),
                                q.strategy().name(),
                                q.members(),
                                q.agentRingSeconds(),
                                q.wrapUpSeconds(),
                                q.maxWaitSeconds(),
                                q.maxCallers(),
                                text(q.fallback()),
                                q.joinEmpty(),
                                q.leaveWhenEmpty(),
                                q.announceSeconds(),
                                q.serviceLevelSeconds(),
                                q.leaveKey(),
                                text(q.leaveDestination()),
                                q.language()));
        FormLayout form = new FormLayout(
                number,
                name,
                strategy,
                members,
                agentRing,
                wrapUp,
                maxWait,
                maxCallers,
                announce,
                serviceLevel,
                fallback,
                leaveKey,
                leaveDestination,
                language,
                joinEmpty,
                leaveWhenEmpty);
        add(form, errors.formError());
        readOnlyUnless(canChange);
        members.setReadOnly(!canChange);
        getFooter().add(new Button(getTranslation("queue.close"), e -> close()));
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("queue.delete"),
                                "delete-queue",
                                getTranslation("queue.title", q.number()),
                                () -> queues.usesOf(q.number()),
                                () -> queues.delete(q.number()),
                                changed));
            }
            addSaveButton(
                    getTranslation("queue.save"),
                    "save-queue",
                    () -> save(
                            draft -> {
                                if (creating) queues.create(draft);
                                else queues.update(draft.number(), draft);
                            },
                            draft -> getTranslation("queue.saved", draft.number()),
                            changed));
        }
    }

    /** A destination picker's text as it shows it now. */
    private static Converter<String, String> shown(SerializableSupplier<String> text) {
        return Converter.from(v -> Result.ok(text.get()), v -> v);
    }

    private static String text(Object destination) {
        return destination == null ? null : destination.toString();
    }

    /** A strategy in the words of the page that shows it. */
    static String strategyLabel(Component page, CallQueue.Strategy s) {
        return page.getTranslation(
                switch (s) {
                    case RINGALL -> "queue.strategy.ringall";
                    case ROUND_ROBIN -> "queue.strategy.round-robin";
                    case LEAST_RECENT -> "queue.strategy.least-recent";
                    case FEWEST_CALLS -> "queue.strategy.fewest-calls";
                    case RANDOM -> "queue.strategy.random";
                });
    }
}
