package org.tandem.webui.phones;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
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
import org.tandem.webui.form.FieldErrors;

/**
 * Adds a phone by its MAC (on the label under the phone) and model, before it is plugged in. The
 * directory checks both; its errors appear under the field, and nothing is saved.
 */
final class AddPhoneDialog extends Dialog {

    private final TextField mac = new TextField(getTranslation("phones.mac-address"));
    private final ComboBox<PhoneModel> model = new ComboBox<>(getTranslation("phones.model"));
    private final TextField description = new TextField(getTranslation("phones.description"));
    private final FieldErrors errors = new FieldErrors("phone-form-error").bind("mac", mac).bind("vendor", model)
            .bind("model", model).bind("description", description);

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
        FormLayout form = new FormLayout(mac, model, description);
        form.setMaxWidth("40em");
        add(form, errors.formError());
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
        errors.clear();
        PhoneModel m = model.getValue();
        DeviceDraft draft = new DeviceDraft(m == null ? null : m.vendor(), m == null ? null : m.name(),
                description.getValue(), List.of(), List.of());
        try {
            Device d = devices.create(mac.getValue(), draft);
            Notification.show(getTranslation("phones.added", d.mac())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            close();
            added.accept(d.mac());
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            errors.show(Map.of("mac", x.text(getLocale())));
        }
    }
}
