package org.tandem.webui.phones;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceDraft;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Adds a phone by its MAC (on the label under the phone) and model, before it is plugged in. The
 * directory checks both; its errors appear under the field, and nothing is saved.
 */
final class AddPhoneDialog extends Dialog {

    private final TextField mac = new TextField(getTranslation("phones.mac-address"));
    private final ComboBox<PhoneModel> model = new ComboBox<>(getTranslation("phones.model"));
    private final TextField description = new TextField(getTranslation("phones.description"));
    private final Span formError = new Span();

    AddPhoneDialog(DeviceDirectory devices, VendorCatalog catalog, Consumer<String> added) {
        setHeaderTitle(getTranslation("phones.add-phone"));
        mac.setId("phone-mac");
        mac.setPlaceholder("00:15:65:12:34:56");
        mac.setHelperText(getTranslation("phones.mac.help"));
        model.setId("phone-model");
        model.setItems(catalog.allModels());
        model.setItemLabelGenerator(PhoneFacts::modelLabel);
        model.setHelperText(getTranslation("phones.model.help"));
        modelTypedByName(model, catalog.allModels());
        description.setId("phone-description");
        description.setPlaceholder(getTranslation("phones.description.placeholder"));
        formError.setId("phone-form-error");
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
        FormLayout form = new FormLayout(mac, model, description);
        form.setMaxWidth("40em");
        add(form, formError);
        Button save = new Button(getTranslation("phones.add"), e -> save(devices, added));
        save.setId("save-phone");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("phones.cancel"), e -> close()), save);
    }

    /** Typing a model's name (or its label) and Enter picks it, as picking it from the list does. */
    static void modelTypedByName(ComboBox<PhoneModel> box, List<PhoneModel> models) {
        box.setAllowCustomValue(true);
        box.addCustomValueSetListener(e -> {
            String typed = e.getDetail().strip();
            models.stream().filter(m -> m.name().equalsIgnoreCase(typed) || PhoneFacts.modelLabel(m).equalsIgnoreCase(typed))
                    .findFirst().ifPresentOrElse(box::setValue, () -> {
                        box.setErrorMessage(box.getTranslation("phones.no-such-model", typed));
                        box.setInvalid(true);
                    });
        });
    }

    private void save(DeviceDirectory devices, Consumer<String> added) {
        mac.setInvalid(false);
        model.setInvalid(false);
        description.setInvalid(false);
        formError.setText("");
        PhoneModel m = model.getValue();
        DeviceDraft draft = new DeviceDraft(m == null ? null : m.vendor(), m == null ? null : m.name(),
                description.getValue(), List.of(), List.of());
        try {
            Device d = devices.create(mac.getValue(), draft);
            Notification.show(getTranslation("phones.added", d.mac())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            close();
            added.accept(d.mac());
        } catch (InvalidInputException x) {
            x.fieldErrors(getLocale()).forEach(this::showError);
        } catch (DuplicateException x) {
            showError("mac", x.text(getLocale()));
        }
    }

    private void showError(String field, String message) {
        Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("mac", mac, "vendor", model,
                "model", model, "description", description);
        var target = fields.get(field);
        if (target == null) {
            formError.setText(field + ": " + message);
            return;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
    }
}
