package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;

/**
 * Create, edit or delete one ring group. The rules are {@link RoutingDirectory}'s (the same as the
 * REST API's); each error is shown under the field, member row or fallback it concerns.
 */
final class RingGroupEditor extends Dialog {

    private final TextField number = new TextField(getTranslation("routing.rg.number"));
    private final TextField name = new TextField(getTranslation("routing.rg.name"));
    private final Select<RingGroup.Strategy> strategy = new Select<>();
    private final IntegerField ringSeconds = new IntegerField(getTranslation("routing.rg.ring-seconds"));
    private final DestinationField fallback = new DestinationField(getTranslation("routing.rg.fallback"), "rg-fallback",
            DestinationField.Kind.all());
    private final TextField callerIdPrefix = new TextField(getTranslation("routing.rg.caller-id-prefix"));
    private final VerticalLayout memberRows = new VerticalLayout();
    private final List<MemberRow> members = new ArrayList<>();
    private final FieldErrors errors = new FieldErrors("rg-form-error");
    private final boolean canChange;

    /** One member: an extension or external number with its own ring time (a sequential hunt). */
    private record MemberRow(HorizontalLayout row, DestinationField destination, IntegerField seconds) {
    }

    private final DestinationChoices choices;

    RingGroupEditor(RoutingDirectory routing, DestinationChoices choices, RingGroup existing, boolean canChange,
                    Runnable changed) {
        this.canChange = canChange;
        this.choices = choices;
        fallback.offer(choices);
        boolean creating = existing == null;
        setHeaderTitle(creating ? getTranslation("routing.rg.new")
                : getTranslation("routing.rg.title", existing.number()));
        setWidth("56em");
        number.setId("rg-number");
        number.setHelperText(getTranslation("routing.rg.number-help"));
        number.setReadOnly(!creating);
        name.setId("rg-name");
        strategy.setId("rg-strategy");
        strategy.setLabel(getTranslation("routing.rg.strategy"));
        strategy.setItems(RingGroup.Strategy.values());
        strategy.setItemLabelGenerator(s -> getTranslation(s == RingGroup.Strategy.SIMULTANEOUS
                ? "routing.rg.simultaneous" : "routing.rg.sequential"));
        strategy.setValue(RingGroup.Strategy.SIMULTANEOUS);
        ringSeconds.setId("rg-ring-seconds");
        ringSeconds.setHelperText(getTranslation("routing.rg.ring-seconds-help"));
        ringSeconds.setValue(20);
        fallback.setHelperText(getTranslation("routing.rg.fallback-help"));
        callerIdPrefix.setId("rg-caller-id-prefix");
        callerIdPrefix.setHelperText(getTranslation("routing.rg.caller-id-prefix-help"));
        memberRows.setPadding(false);
        memberRows.setSpacing(false);
        errors.bind("number", number).bind("name", name).bind("strategy", strategy).bind("ringSeconds", ringSeconds)
                .bind("fallback", fallback).bind("callerIdPrefix", callerIdPrefix);
        if (existing != null) {
            number.setValue(existing.number());
            name.setValue(existing.name());
            strategy.setValue(existing.strategy());
            ringSeconds.setValue(existing.ringSeconds());
            fallback.setValue(existing.fallback() == null ? "" : existing.fallback().toString());
            callerIdPrefix.setValue(existing.callerIdPrefix() == null ? "" : existing.callerIdPrefix());
            existing.members().forEach(m -> addMember(m.destination().toString(), m.ringSeconds()));
        } else {
            addMember("", null);
        }
        Button addMember = new Button(getTranslation("routing.rg.add-member"), VaadinIcon.PLUS.create(),
                e -> addMember("", null));
        addMember.setId("rg-add-member");
        addMember.addThemeVariants(ButtonVariant.LUMO_SMALL);
        addMember.setVisible(canChange);
        FormLayout form = new FormLayout(number, name, strategy, ringSeconds, fallback, callerIdPrefix);
        add(form, new H4(getTranslation("routing.rg.members")), memberRows, addMember, errors.formError());
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {number, name, strategy, ringSeconds, fallback,
                callerIdPrefix}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        Button close = new Button(getTranslation("routing.close"), e -> close());
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter().add(Deletion.editorButton(this, getTranslation("routing.delete"), "delete-ring-group",
                        getTranslation("routing.rg.title", existing.number()),
                        () -> routing.usesOfRingGroup(existing.number()),
                        () -> routing.deleteRingGroup(existing.number()), changed));
            }
            Button save = new Button(getTranslation("routing.save"), e -> save(routing, creating, changed));
            save.setId("save-ring-group");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    private void addMember(String destination, Integer seconds) {
        int i = members.size();
        DestinationField dest = new DestinationField(i == 0 ? getTranslation("routing.rg.member") : null,
                "rg-member-" + i,
                List.of(DestinationField.Kind.EXTENSION, DestinationField.Kind.EXTERNAL)).offer(choices);
        dest.setValue(destination);
        IntegerField ring = new IntegerField(i == 0 ? getTranslation("routing.rg.member-seconds") : null);
        ring.setId("rg-member-" + i + "-seconds");
        ring.setPlaceholder(getTranslation("routing.rg.member-seconds-placeholder"));
        ring.setValue(seconds);
        ring.setWidth("8em");
        dest.setReadOnly(!canChange);
        ring.setReadOnly(!canChange);
        HorizontalLayout row = new HorizontalLayout(dest, ring);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
        MemberRow member = new MemberRow(row, dest, ring);
        if (canChange) {
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> removeMember(member));
            remove.setId("rg-remove-member-" + i);
            remove.setAriaLabel(getTranslation("routing.rg.remove-member"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            row.add(remove);
        }
        members.add(member);
        memberRows.add(row);
    }

    private void removeMember(MemberRow member) {
        List<String> destinations = new ArrayList<>();
        List<Integer> seconds = new ArrayList<>();
        for (MemberRow m : members) {
            if (m == member) continue;
            destinations.add(m.destination().text());
            seconds.add(m.seconds().getValue());
        }
        // rebuild, so ids and error names stay members[0..n-1] as the service numbers them
        members.clear();
        memberRows.removeAll();
        for (int i = 0; i < destinations.size(); i++) addMember(destinations.get(i), seconds.get(i));
    }

    private void save(RoutingDirectory routing, boolean creating, Runnable changed) {
        for (int i = 0; i < members.size(); i++) {
            errors.bind("members[" + i + "].destination", members.get(i).destination());
            errors.bind("members[" + i + "].ringSeconds", members.get(i).seconds());
        }
        errors.clear();
        List<RingGroupDraft.MemberDraft> drafts = members.stream()
                .map(m -> new RingGroupDraft.MemberDraft(m.destination().textOrNull(), m.seconds().getValue())).toList();
        RingGroupDraft draft = new RingGroupDraft(number.getValue().strip(), name.getValue(),
                strategy.getValue() == null ? null : strategy.getValue().name(), ringSeconds.getValue(), drafts,
                fallback.textOrNull(), callerIdPrefix.getValue());
        try {
            if (creating) {
                routing.createRingGroup(draft);
            } else {
                routing.updateRingGroup(draft.number(), draft);
            }
            Notification.show(getTranslation("routing.rg.saved", draft.number()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            number.setErrorMessage(x.text(getLocale()));
            number.setInvalid(true);
        }
    }
}
