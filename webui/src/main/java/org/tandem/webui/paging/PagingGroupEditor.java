package org.tandem.webui.paging;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroupDraft;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.TargetsField;

/**
 * Create, edit or delete one paging group. The rules are {@link PagingGroups}' (the same as the REST API's); each
 * error is shown under its field, a bad member under the members field, named by its extension.
 */
final class PagingGroupEditor extends Dialog {

    private final TextField number = new TextField(getTranslation("paging.number"));
    private final TextField name = new TextField(getTranslation("paging.name"));
    private final TargetsField members;
    private final TextField multicast = new TextField(getTranslation("paging.multicast"));
    private final FieldErrors errors = new FieldErrors("pg-form-error");

    PagingGroupEditor(PagingGroups groups, DestinationChoices choices, PagingGroup existing, boolean canChange,
                      Runnable changed) {
        boolean creating = existing == null;
        members = new TargetsField(getTranslation("paging.members"), "pg-members", choices.users());
        setHeaderTitle(creating ? getTranslation("paging.new") : getTranslation("paging.group-named", existing.number()));
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
        errors.bind("number", number).bind("name", name).bind("members", members).bind("multicastAddress", multicast);
        if (existing != null) {
            number.setValue(existing.number());
            name.setValue(existing.name());
            members.choose(existing.members());
            if (existing.isMulticast()) multicast.setValue(existing.multicast().toString());
        }
        add(new FormLayout(number, name, members, multicast), errors.formError());
        getFooter().add(new Button(getTranslation("paging.close"), e -> close()));
        if (!canChange) return;
        if (!creating) {
            getFooter().add(Deletion.editorButton(this, getTranslation("paging.delete"), "delete-paging-group",
                    getTranslation("paging.group-named", existing.number()), () -> groups.usesOf(existing.number()),
                    () -> groups.delete(existing.number()), changed));
        }
        Button save = new Button(getTranslation("paging.save"), e -> save(groups, creating, changed));
        save.setId("save-paging-group");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(save);
    }

    private void save(PagingGroups groups, boolean creating, Runnable changed) {
        errors.clear();
        List<String> extensions = members.chosen();
        PagingGroupDraft draft = new PagingGroupDraft(number.getValue().strip(), name.getValue(), extensions,
                multicast.getValue());
        try {
            if (creating) groups.create(draft);
            else groups.update(draft.number(), draft);
            Notification.show(getTranslation("paging.saved", draft.number())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(memberErrorsOnTheMembersField(x.fieldErrors(getLocale())));
        } catch (DuplicateException x) {
            number.setErrorMessage(x.text(getLocale()));
            number.setInvalid(true);
        }
    }

    /** {@code members[1]: there is no extension 999} → the members field says so. */
    private static Map<String, String> memberErrorsOnTheMembersField(Map<String, String> fieldErrors) {
        Map<String, String> out = new LinkedHashMap<>();
        fieldErrors.forEach((field, message) -> out.merge(field.startsWith("members") ? "members" : field, message,
                (a, b) -> a + "; " + b));
        return out;
    }
}
