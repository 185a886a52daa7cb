package org.tandem.webui.phones;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceDraft;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.form.ErrorLine;
import org.tandem.webui.routing.DestinationChoices;

/**
 * What an admin sets on one phone: its model, the user on each of its lines (as many as the model has),
 * and its BLF and speed-dial keys (as many as the model's keys). {@link DeviceDirectory} checks
 * everything; its errors appear next to the field they concern and nothing is saved.
 */
final class PhoneAssignmentForm extends VerticalLayout {

    /** One programmable key being edited. */
    private static final class KeyRow extends HorizontalLayout {
        final IntegerField index = new IntegerField();
        final ComboBox<DeviceKey.Kind> kind = new ComboBox<>();
        final TextField target = new TextField();
        final TextField label = new TextField();
        final Button remove = new Button(VaadinIcon.TRASH.create());
    }

    private final DeviceDirectory devices;
    private final VendorCatalog catalog;
    private final UserDirectory users;
    private final String mac;
    private final boolean canChange;
    private final Runnable saved;
    private final ComboBox<PhoneModel> model = new ComboBox<>(getTranslation("phones.model"));
    private final TextField description = new TextField(getTranslation("phones.description"));
    private final FormLayout lineFields = new FormLayout();
    private final List<ComboBox<String>> lines = new ArrayList<>();
    private final ErrorLine linesError = new ErrorLine("phone-lines-error");
    private final VerticalLayout keyRows = new VerticalLayout();
    private final List<KeyRow> keys = new ArrayList<>();
    private final ErrorLine keysError = new ErrorLine("phone-keys-error");
    private final Span keysHelp = new Span();
    /** The directory's errors: model and description under their fields, lines and keys under their groups. */
    private final DraftForm<DeviceDraft> form = DraftForm.of(DeviceDraft.class, "phone-assignment-error", null);

    PhoneAssignmentForm(
            DeviceDirectory devices,
            VendorCatalog catalog,
            UserDirectory users,
            Device device,
            boolean canChange,
            Runnable saved) {
        this.devices = devices;
        this.catalog = catalog;
        this.users = users;
        this.mac = device.mac();
        this.canChange = canChange;
        this.saved = saved;
        setPadding(false);
        model.setId("phone-model");
        List<PhoneModel> models = device.vendor() == null ? catalog.allModels() : catalog.models(device.vendor());
        model.setItems(models);
        model.setItemLabelGenerator(PhoneFacts::modelLabel);
        AddPhoneDialog.modelTypedByName(model, models);
        PhoneFacts.model(catalog, device).ifPresent(model::setValue);
        model.addValueChangeListener(e -> layOut(currentLines(), currentKeys()));
        model.setReadOnly(!canChange);
        description.setId("phone-description");
        AddPhoneDialog.bindModel(model, form::bindComposed, form.errors());
        form.bind("description", description);
        // the lines and keys are laid out per model (layOut); the form composes them from the rows
        form.bindComposed("lines", this::currentLines, l -> {});
        form.bindComposed("keys", this::currentKeys, k -> {});
        form.errors().bind("lines", linesError).bind("keys", keysError);
        form.worded(this::markUnknownUsers);
        form.read(
                new DeviceDraft(device.vendor(), device.model(), device.description(), device.lines(), device.keys()));
        form.readOnlyUnless(canChange);
        FormLayout top = new FormLayout(model, description);
        top.setMaxWidth("50em");
        lineFields.setId("phone-lines");
        lineFields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("40em", 4));
        keyRows.setId("phone-keys");
        keyRows.setPadding(false);
        keyRows.setSpacing(false);
        keysHelp.setId("phone-keys-help");
        Button addKey = new Button(getTranslation("phones.add-key"), VaadinIcon.PLUS.create(), e -> addKeyRow(null));
        addKey.setId("add-key");
        addKey.setVisible(canChange);
        add(
                top,
                new H3(getTranslation("phones.lines")),
                lineFields,
                linesError,
                new H3(getTranslation("phones.keys-title")),
                keysHelp,
                keyRows,
                addKey,
                keysError,
                form.errors().formError());
        if (canChange) {
            Button save = new Button(getTranslation("phones.save"), e -> save());
            save.setId("save-assignment");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(save);
        }
        layOut(device.lines(), device.keys());
    }

    /** One line field per line of the model (the current lines at least), the keys as they are. */
    private void layOut(List<String> currentLines, List<DeviceKey> currentKeys) {
        Optional<PhoneModel> m = Optional.ofNullable(model.getValue());
        int count = Math.max(m.map(PhoneModel::lines).orElse(1), currentLines.size());
        lineFields.removeAll();
        lines.clear();
        List<User> all = users.list();
        List<String> extensions = all.stream().map(User::extension).toList();
        for (int i = 1; i <= count; i++) {
            ComboBox<String> line = new ComboBox<>(getTranslation("phones.line", i));
            line.setId("phone-line-" + i);
            DestinationChoices.listAll(line, extensions);
            line.setItemLabelGenerator(ext -> all.stream()
                    .filter(u -> u.extension().equals(ext))
                    .findFirst()
                    .map(u -> ext + " · " + u.displayName())
                    .orElse(ext));
            line.setAllowCustomValue(true);
            line.addCustomValueSetListener(e -> line.setValue(e.getDetail().strip()));
            line.setClearButtonVisible(true);
            line.setPlaceholder(getTranslation("phones.no-user"));
            if (i <= currentLines.size()) line.setValue(currentLines.get(i - 1));
            line.setReadOnly(!canChange);
            lines.add(line);
            lineFields.add(line);
        }
        int keyCount = m.map(PhoneFacts::keyCount).orElse(0);
        keysHelp.setText(
                m.isEmpty()
                        ? getTranslation("phones.keys.choose-model")
                        : m.get().expansionKeys() == 0
                                ? getTranslation("phones.keys.count", m.get().name(), keyCount)
                                : getTranslation(
                                        "phones.keys.count-expansion",
                                        m.get().name(),
                                        keyCount,
                                        getTranslation(
                                                        "phones.keys.expansion",
                                                        m.get().keys(),
                                                        m.get().expansionKeys(),
                                                        m.get().expansion())
                                                + " "
                                                + getTranslation(
                                                        "phones.keys.first-module",
                                                        m.get().keys() + 1)));
        keyRows.removeAll();
        keys.clear();
        currentKeys.forEach(this::addKeyRow);
    }

    /** Key 1, or the first after the lines' own where the model shows its lines on the first keys (Yealink ...). */
    private int firstFreeKey() {
        boolean lineKeysFirst = Optional.ofNullable(model.getValue())
                .flatMap(m -> catalog.family(m.family()))
                .map(f -> "true".equals(f.settings().get("lineKeysFirst")))
                .orElse(false);
        int used = (int) lines.stream()
                .filter(l -> l.getValue() != null && !l.getValue().isBlank())
                .count();
        return lineKeysFirst ? used + 1 : 1;
    }

    private void addKeyRow(DeviceKey key) {
        KeyRow row = new KeyRow();
        int n = keys.size() + 1;
        row.index.setId("key-index-" + n);
        row.index.setLabel(n == 1 ? getTranslation("phones.key") : null);
        row.index.setMin(1);
        row.index.setWidth("6em");
        row.index.setValue(
                key != null
                        ? key.index()
                        : keys.stream()
                                        .map(r -> r.index.getValue())
                                        .filter(v -> v != null)
                                        .max(Integer::compare)
                                        .orElse(firstFreeKey() - 1)
                                + 1);
        row.kind.setId("key-kind-" + n);
        row.kind.setLabel(n == 1 ? getTranslation("phones.kind") : null);
        row.kind.setItems(DeviceKey.Kind.values());
        row.kind.setItemLabelGenerator(this::kindLabel);
        row.kind.setAllowCustomValue(true);
        row.kind.addCustomValueSetListener(e -> {
            for (DeviceKey.Kind k : DeviceKey.Kind.values()) {
                if (kindLabel(k).equalsIgnoreCase(e.getDetail().strip())
                        || k.name().equalsIgnoreCase(e.getDetail().strip())) {
                    row.kind.setValue(k);
                }
            }
        });
        row.kind.setValue(key != null ? key.kind() : DeviceKey.Kind.BLF);
        row.target.setId("key-target-" + n);
        row.target.setLabel(n == 1 ? getTranslation("phones.key-target") : null);
        row.target.setValue(key != null ? key.target() : "");
        row.label.setId("key-label-" + n);
        row.label.setLabel(n == 1 ? getTranslation("phones.key-label") : null);
        row.label.setValue(key != null && key.label() != null ? key.label() : "");
        row.remove.setId("key-remove-" + n);
        row.remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.remove.getElement().setAttribute("aria-label", getTranslation("phones.remove-key"));
        row.remove.addClickListener(e -> {
            List<DeviceKey> rest = new ArrayList<>(currentKeys());
            rest.remove(keys.indexOf(row));
            keyRows.removeAll();
            keys.clear();
            rest.forEach(this::addKeyRow);
        });
        row.remove.setVisible(canChange);
        row.index.setReadOnly(!canChange);
        row.kind.setReadOnly(!canChange);
        row.target.setReadOnly(!canChange);
        row.label.setReadOnly(!canChange);
        row.setAlignItems(Alignment.BASELINE);
        row.add(row.index, row.kind, row.target, row.label, row.remove);
        keys.add(row);
        keyRows.add(row);
    }

    private String kindLabel(DeviceKey.Kind k) {
        return k == DeviceKey.Kind.BLF ? "BLF" : getTranslation("phones.kind.speed-dial");
    }

    private List<String> currentLines() {
        List<String> out = new ArrayList<>();
        for (ComboBox<String> line : lines)
            out.add(line.getValue() == null ? "" : line.getValue().strip());
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    /** Rows as keys; a row without a number keeps index 0, which the directory refuses by name. */
    private List<DeviceKey> currentKeys() {
        return keys.stream()
                .map(r -> new DeviceKey(
                        r.index.getValue() == null ? 0 : r.index.getValue(),
                        r.kind.getValue(),
                        r.target.getValue().strip(),
                        r.label.getValue().strip()))
                .toList();
    }

    private void save() {
        lines.forEach(l -> l.setInvalid(false));
        AtomicBoolean found = new AtomicBoolean(true);
        boolean taken = form.save(draft -> {
            int gap = draft.lines().indexOf("");
            if (gap >= 0) throw new InvalidInputException(Map.of("lines", getTranslation("phones.line-gap", gap + 1)));
            found.set(devices.update(mac, draft).isPresent());
        });
        if (!found.get()) {
            form.errors().showForm("mac: " + getTranslation("phones.deleted-meanwhile"));
        } else if (taken) {
            saved.run();
        }
    }

    /**
     * The lines' error names the extensions no user has ("no user has extension 999"): those lines say so too.
     */
    private Map<String, String> markUnknownUsers(Map<String, String> errors) {
        if (errors.containsKey("lines")) {
            lines.stream()
                    .filter(l -> l.getValue() != null
                            && !l.getValue().isBlank()
                            && users.find(l.getValue().strip()).isEmpty())
                    .forEach(l -> {
                        l.setErrorMessage(getTranslation("phones.no-such-user"));
                        l.setInvalid(true);
                    });
        }
        return errors;
    }
}
