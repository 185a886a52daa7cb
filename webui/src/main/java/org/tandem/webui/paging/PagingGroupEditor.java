package org.tandem.webui.paging;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroupDraft;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.TargetsField;

/**
 * Create, edit or delete one paging group. The rules are {@link PagingGroups}' (the same as the REST API's); each
 * error is shown under its field, a bad member under the members field, named by its extension.
 */
final class PagingGroupEditor extends EditorDialog<PagingGroupDraft> {

    private final TextField number = new TextField(getTranslation("paging.number"));
    private final TextField name = new TextField(getTranslation("paging.name"));
    private final TargetsField members;
    private final TextField multicast = new TextField(getTranslation("paging.multicast"));

    PagingGroupEditor(
            PagingGroups groups,
            DestinationChoices choices,
            PagingGroup existing,
            boolean canChange,
            Runnable changed) {
        super(PagingGroupDraft.class, "pg-form-error", "number");
        boolean creating = existing == null;
        members = new TargetsField(getTranslation("paging.members"), "pg-members", choices.users());
        setHeaderTitle(
                creating ? getTranslation("paging.new") : getTranslation("paging.group-named", existing.number()));
        setWidth("40em");
        number.setId("pg-number");
        number.setHelperText(getTranslation("paging.number.helper"));
        number.setReadOnly(!creating || !canChange);
        name.setId("pg-name");
        name.setReadOnly(!canChange);
        members.setHelperText(getTranslation("paging.members.helper"));
        members.setReadOnly(!canChange);
        multicast.setId("pg-multicast");
        multicast.setHelperText(getTranslation("paging.multicast.helper"));
        multicast.setReadOnly(!canChange);
        bind("number", number, stripped());
        bind("name", name);
        // the members in the order chosen; a bad member ("members[1]: there is no extension 999") under the field
        bindComposed("members", members::chosen, members::choose);
        errors.bind("members", members).mapping(n -> n.startsWith("members") ? "members" : n);
        bind("multicastAddress", multicast);
        read(
                existing == null
                        ? new PagingGroupDraft("", "", List.of(), "")
                        : new PagingGroupDraft(
                                existing.number(),
                                existing.name(),
                                existing.members(),
                                existing.isMulticast() ? existing.multicast().toString() : ""));
        add(new FormLayout(number, name, members, multicast), errors.formError());
        getFooter().add(new Button(getTranslation("paging.close"), e -> close()));
        if (!canChange) return;
        if (!creating) {
            getFooter()
                    .add(Deletion.editorButton(
                            this,
                            getTranslation("paging.delete"),
                            "delete-paging-group",
                            getTranslation("paging.group-named", existing.number()),
                            () -> groups.usesOf(existing.number()),
                            () -> groups.delete(existing.number()),
                            changed));
        }
        addSaveButton(
                getTranslation("paging.save"),
                "save-paging-group",
                () -> save(
                        draft -> {
                            if (creating) groups.create(draft);
                            else groups.update(draft.number(), draft);
                        },
                        draft -> getTranslation("paging.saved", draft.number()),
                        changed));
    }
}
