package org.tandem.webui.trunks;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.OutboundRouteDraft;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.PermissionClass;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;

/** Create, edit or delete one outbound route; a new route goes last (move it on the list). */
final class OutboundRouteEditor extends Dialog {

    private final TextField id = new TextField("Name");
    private final TextArea patterns = new TextArea("Dial patterns");
    private final TextField prepend = new TextField("Prepend");
    private final TextField trunkList = new TextField("Trunks, in failover order");
    private final TextField callerId = new TextField("Caller ID");
    private final Select<PermissionClass> permission = new Select<>();
    private final FieldErrors errors = new FieldErrors("route-form-error");

    OutboundRouteEditor(OutboundRoutes routes, TrunkDirectory trunks, OutboundRoute existing, boolean canChange,
                        Runnable changed) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? "New outbound route" : "Outbound route " + existing.id());
        setWidth("44em");
        id.setId("route-id");
        id.setHelperText("Lower-case letters, digits, - and _");
        id.setReadOnly(!creating);
        patterns.setId("route-patterns");
        patterns.setHelperText("One a line. X any digit, N 2-9, Z 1-9, [1-5] a range, . one or more digits; "
                + "the part before | is stripped (9|NXXXXXX sends the number without the 9)");
        prepend.setId("route-prepend");
        prepend.setHelperText("Put before the (stripped) number, e.g. +49");
        trunkList.setId("route-trunks");
        List<String> known = trunks.list().stream().map(Trunk::id).toList();
        trunkList.setHelperText("Separated by commas; when a trunk fails or does not answer, the next is tried. Trunks: "
                + (known.isEmpty() ? "none yet, add one on the Trunks page" : String.join(", ", known)));
        callerId.setId("route-caller-id");
        callerId.setHelperText("For users without their own; empty: the trunk's");
        permission.setId("route-permission");
        permission.setLabel("Callers need");
        permission.setItems(PermissionClass.values());
        permission.setItemLabelGenerator(PermissionClass::text);
        permission.setValue(PermissionClass.NATIONAL);
        errors.bind("id", id).bind("patterns", patterns).bind("prepend", prepend).bind("trunks", trunkList)
                .bind("callerId", callerId).bind("permission", permission);
        if (existing != null) {
            id.setValue(existing.id());
            patterns.setValue(String.join("\n", existing.patterns()));
            prepend.setValue(existing.prepend() == null ? "" : existing.prepend());
            trunkList.setValue(String.join(", ", existing.trunks()));
            callerId.setValue(existing.callerId() == null ? "" : existing.callerId());
            permission.setValue(existing.permission());
        }
        add(new FormLayout(id, permission, patterns, prepend, trunkList, callerId), errors.formError());
        for (HasValue<?, ?> f : new HasValue<?, ?>[] {id, patterns, prepend, trunkList, callerId, permission}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        getFooter().add(new Button("Close", e -> close()));
        if (canChange) {
            if (!creating) {
                Button delete = new Button("Delete", e -> org.tandem.webui.frame.Deletion.confirm(
                        "Outbound route " + existing.id(), () -> routes.delete(existing.id()), () -> {
                    changed.run();
                    close();
                }));
                delete.setId("delete-route");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                getFooter().add(delete);
            }
            Button save = new Button("Save", e -> save(routes, creating, changed));
            save.setId("save-route");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    private void save(OutboundRoutes routes, boolean creating, Runnable changed) {
        errors.clear();
        OutboundRouteDraft draft = new OutboundRouteDraft(id.getValue().strip(), split(patterns.getValue(), "[\\n,]"),
                prepend.getValue(), split(trunkList.getValue(), ","), callerId.getValue(),
                permission.getValue() == null ? null : permission.getValue().text());
        try {
            if (creating) {
                routes.create(draft);
            } else {
                routes.update(draft.id(), draft);
            }
            Notification.show("Outbound route " + draft.id() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            id.setErrorMessage(x.getMessage());
            id.setInvalid(true);
        }
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
