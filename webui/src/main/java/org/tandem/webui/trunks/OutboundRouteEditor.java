package org.tandem.webui.trunks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.OutboundRouteDraft;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.PermissionClass;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.frame.Deletion;

/** Create, edit or delete one outbound route; a new route goes last (move it on the list). */
final class OutboundRouteEditor extends EditorDialog<OutboundRouteDraft> {

    private final TextField id = new TextField(getTranslation("trunks.name"));
    private final TextArea patterns = new TextArea(getTranslation("trunks.route.patterns"));
    private final TextField prepend = new TextField(getTranslation("trunks.route.prepend"));
    private final TextField trunkList = new TextField(getTranslation("trunks.route.trunks"));
    private final TextField callerId = new TextField(getTranslation("trunks.route.caller-id"));
    private final Select<PermissionClass> permission = new Select<>();

    OutboundRouteEditor(
            OutboundRoutes routes, TrunkDirectory trunks, OutboundRoute existing, boolean canChange, Runnable changed) {
        super(OutboundRouteDraft.class, "route-form-error", "id");
        boolean creating = existing == null;
        setHeaderTitle(
                creating ? getTranslation("trunks.route.new") : getTranslation("trunks.route.title", existing.id()));
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
        trunkList.setHelperText(getTranslation(
                "trunks.route.trunks-help",
                known.isEmpty() ? getTranslation("trunks.route.no-trunks") : String.join(", ", known)));
        callerId.setId("route-caller-id");
        callerId.setHelperText(getTranslation("trunks.route.caller-id-help"));
        permission.setId("route-permission");
        permission.setLabel(getTranslation("trunks.route.permission"));
        permission.setItems(PermissionClass.values());
        permission.setItemLabelGenerator(p -> getTranslation("trunks.permission." + p.text()));
        bind("id", id, stripped());
        bind("patterns", patterns, list("[\\n,]", "\n"));
        bind("prepend", prepend);
        bind("trunks", trunkList, list(",", ", "));
        bind("callerId", callerId);
        bind(
                "permission",
                permission,
                converter(
                        PermissionClass::text, t -> PermissionClass.parse(t, "permission", PermissionClass.NATIONAL)));
        read(
                creating
                        ? new OutboundRouteDraft("", List.of(), "", List.of(), "", PermissionClass.NATIONAL.text())
                        : new OutboundRouteDraft(
                                existing.id(),
                                existing.patterns(),
                                existing.prepend(),
                                existing.trunks(),
                                existing.callerId(),
                                existing.permission().text()));
        add(new FormLayout(id, permission, patterns, prepend, trunkList, callerId), errors.formError());
        readOnlyUnless(canChange);
        getFooter().add(new Button(getTranslation("trunks.close"), e -> close()));
        if (!canChange) return;
        if (!creating) {
            getFooter()
                    .add(Deletion.editorButton(
                            this,
                            getTranslation("trunks.delete"),
                            "delete-route",
                            getTranslation("trunks.route.title", existing.id()),
                            List::of,
                            () -> routes.delete(existing.id()),
                            changed));
        }
        addSaveButton(
                getTranslation("trunks.save"),
                "save-route",
                () -> save(
                        draft -> {
                            if (creating) routes.create(draft);
                            else routes.update(draft.id(), draft);
                        },
                        draft -> getTranslation("trunks.route.saved", draft.id()),
                        changed));
    }
}
