package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
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
import org.tandem.pbx.routing.RingGroupDraft.MemberDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.frame.Deletion;

/**
 * Create, edit or delete one ring group. The rules are {@link RoutingDirectory}'s (the same as the
 * REST API's); each error is shown under the field, member row or fallback it concerns.
 */
final class RingGroupEditor extends EditorDialog<RingGroupDraft> {

    private final TextField number = new TextField(getTranslation("routing.rg.number"));
    private final TextField name = new TextField(getTranslation("routing.rg.name"));
    private final Select<RingGroup.Strategy> strategy = new Select<>();
    private final IntegerField ringSeconds = new IntegerField(getTranslation("routing.rg.ring-seconds"));
    private final DestinationField fallback =
            new DestinationField(getTranslation("routing.rg.fallback"), "rg-fallback", DestinationField.Kind.all());
    private final TextField callerIdPrefix = new TextField(getTranslation("routing.rg.caller-id-prefix"));
    private final VerticalLayout memberRows = new VerticalLayout();
    private final List<MemberRow> members = new ArrayList<>();
    private final boolean canChange;

    /** One member: an extension or external number with its own ring time (a sequential hunt). */
    private record MemberRow(HorizontalLayout row, DestinationField destination, IntegerField seconds) {}

    private final DestinationChoices choices;

    RingGroupEditor(
            RoutingDirectory routing,
            DestinationChoices choices,
            RingGroup existing,
            boolean canChange,
            Runnable changed) {
        super(RingGroupDraft.class, "rg-form-error", "number");
        this.canChange = canChange;
        this.choices = choices;
        fallback.offer(choices);
        boolean creating = existing == null;
        setHeaderTitle(
                creating ? getTranslation("routing.rg.new") : getTranslation("routing.rg.title", existing.number()));
        setWidth("56em");
        number.setId("rg-number");
        number.setHelperText(getTranslation("routing.rg.number-help"));
        number.setReadOnly(!creating);
        name.setId("rg-name");
        strategy.setId("rg-strategy");
        strategy.setLabel(getTranslation("routing.rg.strategy"));
        strategy.setItems(RingGroup.Strategy.values());
        strategy.setItemLabelGenerator(s -> getTranslation(
                s == RingGroup.Strategy.SIMULTANEOUS ? "routing.rg.simultaneous" : "routing.rg.sequential"));
        ringSeconds.setId("rg-ring-seconds");
        ringSeconds.setHelperText(getTranslation("routing.rg.ring-seconds-help"));
        fallback.setHelperText(getTranslation("routing.rg.fallback-help"));
        callerIdPrefix.setId("rg-caller-id-prefix");
        callerIdPrefix.setHelperText(getTranslation("routing.rg.caller-id-prefix-help"));
        memberRows.setPadding(false);
        memberRows.setSpacing(false);
        bind("number", number, stripped());
        bind("name", name);
        bind("strategy", strategy, converter(RingGroup.Strategy::name, RingGroup.Strategy::valueOf));
        bind("ringSeconds", ringSeconds);
        bind("fallback", fallback, converter(v -> fallback.textOrNull(), v -> v)); // the text as the field shows it
        bind("callerIdPrefix", callerIdPrefix);
        // the member rows; a row's errors (members[0].destination, as the service numbers them) under its inputs
        bindComposed(
                "members",
                () -> members.stream()
                        .map(m -> new MemberDraft(
                                m.destination().textOrNull(), m.seconds().getValue()))
                        .toList(),
                drafts -> {
                    members.clear();
                    memberRows.removeAll();
                    drafts.forEach(m -> addMember(m.destination(), m.ringSeconds()));
                });
        read(
                existing == null
                        ? new RingGroupDraft(
                                "",
                                "",
                                RingGroup.Strategy.SIMULTANEOUS.name(),
                                20,
                                List.of(new MemberDraft("", null)),
                                null,
                                "")
                        : new RingGroupDraft(
                                existing.number(),
                                existing.name(),
                                existing.strategy().name(),
                                existing.ringSeconds(),
                                existing.members().stream()
                                        .map(m ->
                                                new MemberDraft(m.destination().toString(), m.ringSeconds()))
                                        .toList(),
                                existing.fallback() == null
                                        ? null
                                        : existing.fallback().toString(),
                                existing.callerIdPrefix()));
        Button addMember =
                new Button(getTranslation("routing.rg.add-member"), VaadinIcon.PLUS.create(), e -> addMember("", null));
        addMember.setId("rg-add-member");
        addMember.addThemeVariants(ButtonVariant.LUMO_SMALL);
        addMember.setVisible(canChange);
        FormLayout form = new FormLayout(number, name, strategy, ringSeconds, fallback, callerIdPrefix);
        add(form, new H4(getTranslation("routing.rg.members")), memberRows, addMember, errors.formError());
        readOnlyUnless(canChange);
        Button close = new Button(getTranslation("routing.close"), e -> close());
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("routing.delete"),
                                "delete-ring-group",
                                getTranslation("routing.rg.title", existing.number()),
                                () -> routing.usesOfRingGroup(existing.number()),
                                () -> routing.deleteRingGroup(existing.number()),
                                changed));
            }
            addSaveButton(
                    getTranslation("routing.save"),
                    "save-ring-group",
                    () -> save(
                            draft -> {
                                if (creating) routing.createRingGroup(draft);
                                else routing.updateRingGroup(draft.number(), draft);
                            },
                            draft -> getTranslation("routing.rg.saved", draft.number()),
                            changed));
        }
    }

    private void addMember(String destination, Integer seconds) {
        int i = members.size();
        DestinationField dest = new DestinationField(
                        i == 0 ? getTranslation("routing.rg.member") : null,
                        "rg-member-" + i,
                        List.of(DestinationField.Kind.EXTENSION, DestinationField.Kind.EXTERNAL))
                .offer(choices);
        dest.setValue(destination == null ? "" : destination);
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
        errors.bind("members[" + i + "].destination", dest).bind("members[" + i + "].ringSeconds", ring);
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
}
