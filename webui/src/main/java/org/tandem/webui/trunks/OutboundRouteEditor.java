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
import org.tandem.webui.frame.Deletion;

/** Create, edit or delete one outbound route; a new route goes last (move it on the list). */
final class OutboundRouteEditor extends Dialog {

    private final TextField id = new TextField(getTranslation("trunks.name"));
    private final TextArea patterns = new TextArea(getTranslation("trunks.route.patterns"));
    private final TextField prepend = new TextField(getTranslation("trunks.route.prepend"));
    private final TextField trunkList = new TextField(getTranslation("trunks.route.trunks"));
    private final TextField callerId = new TextField(getTranslation("trunks.route.caller-id"));
    private final Select<PermissionClass> permission = new Select<>();
    private final FieldErrors errors = new FieldErrors("route-form-error");

    OutboundRouteEditor(OutboundRoutes routes, TrunkDirectory trunks, OutboundRoute existing, boolean canChange,
                        Runnable changed) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? getTranslation("trunks.route.new")
                : getTranslation("trunks.route.title", existing.id()));
        setWidth("44em");
        id.setId("route-id");
        id.setHelperText(getTranslation("trunks.id-help"));
        id.setReadOnly(!creating);
        patterns.setId("route-patterns");
        patterns.setHelperText(getTranslation("trunks.route.patterns-help"));
        prepend.setId("route-prepend");
        prepend.setHelperText(getTranslation("trunks.route.prepend-help"));
        trunkList.setId("route-trunks");
        List<String> known = trunks.list().stream().map(Trunk::id).toList();
        trunkList.setHelperText(getTranslation("trunks.route.trunks-help",
                known.isEmpty() ? getTranslation("trunks.route.no-trunks") : String.join(", ", known)));
        callerId.setId("route-caller-id");
        callerId.setHelperText(getTranslation("trunks.route.caller-id-help"));
        permission.setId("route-permission");
        permission.setLabel(getTranslation("trunks.route.permission"));
        permission.setItems(PermissionClass.values());
        permission.setItemLabelGenerator(p -> getTranslation("trunks.permission." + p.text()));
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
        getFooter().add(new Button(getTranslation("trunks.close"), e -> close()));
        if (canChange) {
            if (!creating) {
                getFooter().add(Deletion.editorButton(this, getTranslation("trunks.delete"), "delete-route",
                        getTranslation("trunks.route.title", existing.id()), List::of,
                        () -> routes.delete(existing.id()), changed));
            }
            Button save = new Button(getTranslation("trunks.save"), e -> save(routes, creating, changed));
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
            Notification.show(getTranslation("trunks.route.saved", draft.id()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            id.setErrorMessage(x.text(getLocale()));
            id.setInvalid(true);
        }
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
