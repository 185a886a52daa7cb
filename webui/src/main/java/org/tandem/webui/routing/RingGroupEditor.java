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

/**
 * Create, edit or delete one ring group. The rules are {@link RoutingDirectory}'s (the same as the
 * REST API's); each error is shown under the field, member row or fallback it concerns.
 */
final class RingGroupEditor extends Dialog {

    private final TextField number = new TextField("Number");
    private final TextField name = new TextField("Name");
    private final Select<RingGroup.Strategy> strategy = new Select<>();
    private final IntegerField ringSeconds = new IntegerField("Ring time (seconds)");
    private final DestinationField fallback = new DestinationField("When nobody answers", "rg-fallback",
            DestinationField.Kind.all());
    private final TextField callerIdPrefix = new TextField("Caller-ID prefix");
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
        setHeaderTitle(creating ? "New ring group" : "Ring group " + existing.number());
        setWidth("56em");
        number.setId("rg-number");
        number.setHelperText("2 to 12 digits, not an extension");
        number.setReadOnly(!creating);
        name.setId("rg-name");
        strategy.setId("rg-strategy");
        strategy.setLabel("Strategy");
        strategy.setItems(RingGroup.Strategy.values());
        strategy.setItemLabelGenerator(s -> s == RingGroup.Strategy.SIMULTANEOUS ? "Simultaneous (all at once)"
                : "Sequential (one after another)");
        strategy.setValue(RingGroup.Strategy.SIMULTANEOUS);
        ringSeconds.setId("rg-ring-seconds");
        ringSeconds.setHelperText("5 to 300; all at once: how long they ring");
        ringSeconds.setValue(20);
        fallback.setHelperText("Empty: the caller hears that nobody is available");
        callerIdPrefix.setId("rg-caller-id-prefix");
        callerIdPrefix.setHelperText("Put before the caller's name, e.g. \"Sales: \"");
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
        Button addMember = new Button("Add member", VaadinIcon.PLUS.create(), e -> addMember("", null));
        addMember.setId("rg-add-member");
        addMember.addThemeVariants(ButtonVariant.LUMO_SMALL);
        addMember.setVisible(canChange);
        FormLayout form = new FormLayout(number, name, strategy, ringSeconds, fallback, callerIdPrefix);
        add(form, new H4("Members"), memberRows, addMember, errors.formError());
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {number, name, strategy, ringSeconds, fallback,
                callerIdPrefix}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                Button delete = new Button("Delete", e -> org.tandem.webui.frame.Deletion.confirm(
                        "Ring group " + existing.number(), routing.usesOfRingGroup(existing.number()),
                        () -> routing.deleteRingGroup(existing.number()), () -> {
                    changed.run();
                    close();
                }));
                delete.setId("delete-ring-group");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                getFooter().add(delete);
            }
            Button save = new Button("Save", e -> save(routing, creating, changed));
            save.setId("save-ring-group");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    private void addMember(String destination, Integer seconds) {
        int i = members.size();
        DestinationField dest = new DestinationField(i == 0 ? "Member" : null, "rg-member-" + i,
                List.of(DestinationField.Kind.EXTENSION, DestinationField.Kind.EXTERNAL)).offer(choices);
        dest.setValue(destination);
        IntegerField ring = new IntegerField(i == 0 ? "Ring time (s)" : null);
        ring.setId("rg-member-" + i + "-seconds");
        ring.setPlaceholder("group's");
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
            remove.setAriaLabel("Remove member");
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
            Notification.show("Ring group " + draft.number() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            number.setErrorMessage(x.getMessage());
            number.setInvalid(true);
        }
    }
}
