package org.tandem.webui.phones;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableSupplier;
import java.util.List;
import java.util.function.Consumer;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceDraft;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.form.FieldErrors;

/**
 * Adds a phone by its MAC (on the label under the phone) and model, before it is plugged in. The
 * directory checks both; its errors appear under the field, and nothing is saved. The MAC is the key the draft goes
 * with ({@link DeviceDirectory#create}); the one model picker holds the draft's vendor and model.
 */
final class AddPhoneDialog extends EditorDialog<DeviceDraft> {

    private final TextField mac = new TextField(getTranslation("phones.mac-address"));
    private final ComboBox<PhoneModel> model = new ComboBox<>(getTranslation("phones.model"));
    private final TextField description = new TextField(getTranslation("phones.description"));
    private Device added;

    AddPhoneDialog(DeviceDirectory devices, VendorCatalog catalog, Consumer<String> onAdded) {
        super(DeviceDraft.class, "phone-form-error", "mac");
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
        errors.bind("mac", mac);
        bindModel(model, this::bindComposed, errors);
        bind("description", description);
        FormLayout form = new FormLayout(mac, model, description);
        form.setMaxWidth("40em");
        add(form, errors.formError());
        getFooter().add(new Button(getTranslation("phones.cancel"), e -> close()));
        addSaveButton(
                getTranslation("phones.add"),
                "save-phone",
                () -> save(
                        draft -> added = devices.create(mac.getValue(), draft),
                        draft -> getTranslation("phones.added", added.mac()),
                        () -> onAdded.accept(added.mac())));
    }

    /** A form's way to bind a value its inputs compose ({@code EditorDialog.bindComposed}, {@code DraftForm.bindComposed}). */
    @FunctionalInterface
    interface ComposedBinding {
        void bind(String name, SerializableSupplier<String> read, SerializableConsumer<String> write);
    }

    /**
     * The one model picker as the draft's vendor and model (and their errors); the picker is set apart, from the
     * catalog, since a model's name alone does not say its vendor.
     */
    static void bindModel(ComboBox<PhoneModel> box, ComposedBinding binding, FieldErrors errors) {
        binding.bind(
                "vendor", () -> box.getValue() == null ? null : box.getValue().vendor(), vendor -> {});
        binding.bind(
                "model", () -> box.getValue() == null ? null : box.getValue().name(), name -> {});
        errors.bind("vendor", box).bind("model", box);
    }

    /** Typing a model's name (or its label) and Enter picks it, as picking it from the list does. */
    static void modelTypedByName(ComboBox<PhoneModel> box, List<PhoneModel> models) {
        box.setAllowCustomValue(true);
        box.addCustomValueSetListener(e -> {
            String typed = e.getDetail().strip();
            models.stream()
                    .filter(m -> m.name().equalsIgnoreCase(typed)
                            || PhoneFacts.modelLabel(m).equalsIgnoreCase(typed))
                    .findFirst()
                    .ifPresentOrElse(box::setValue, () -> {
                        box.setErrorMessage(box.getTranslation("phones.no-such-model", typed));
                        box.setInvalid(true);
                    });
        });
    }
}
