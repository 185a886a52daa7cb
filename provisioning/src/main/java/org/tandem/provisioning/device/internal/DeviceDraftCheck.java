package org.tandem.provisioning.device.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.device.DeviceDraft;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.vendor.PhoneModel;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Whether a phone's draft fits before the device directory stores it: a vendor and model of the catalog, lines
 * that are users of the PBX and no more than the model has, keys numbered once each within the model's keys (with
 * its expansion modules) and off the keys its family gives the lines, a short description. Every problem is
 * reported at once, by field.
 */
public final class DeviceDraftCheck {

    private final UserDirectory users;
    private final VendorCatalog catalog;

    public DeviceDraftCheck(UserDirectory users, VendorCatalog catalog) {
        this.users = users;
        this.catalog = catalog;
    }

    /** Throws {@link InvalidInputException} with every field's problem when {@code draft} does not fit. */
    public void check(DeviceDraft draft) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (draft.vendor() != null && !catalog.vendors().contains(draft.vendor())) {
            errors.put("vendor", FieldError.of("phone.unknown-vendor", draft.vendor(), catalog.vendors()));
        }
        Optional<PhoneModel> model = draft.vendor() == null || draft.model() == null
                ? Optional.empty()
                : catalog.model(draft.vendor(), draft.model());
        if (draft.model() != null && draft.vendor() != null && model.isEmpty() && !errors.containsKey("vendor")) {
            errors.put(
                    "model",
                    FieldError.of(
                            "phone.unknown-model",
                            draft.vendor(),
                            draft.model(),
                            catalog.models(draft.vendor()).stream()
                                    .map(PhoneModel::name)
                                    .toList()));
        }
        List<FieldError> lineErrors = new ArrayList<>();
        for (String ext : draft.lines()) {
            if (!users.exists(ext)) lineErrors.add(FieldError.of("common.no-user", ext));
        }
        if (model.isPresent() && draft.lines().size() > model.get().lines()) {
            lineErrors.add(FieldError.of(
                    "phone.model-lines", model.get().name(), model.get().lines()));
        }
        if (!lineErrors.isEmpty()) errors.put("lines", FieldError.all(lineErrors));
        List<FieldError> keyErrors = new ArrayList<>();
        for (DeviceKey k : draft.keys()) {
            if (k.index() < 1) keyErrors.add(FieldError.of("phone.key-number"));
            if (k.kind() == null) keyErrors.add(FieldError.of("phone.key-kind", k.index()));
            if (k.target() == null || !k.target().matches("[0-9*#+]{1,32}")) {
                keyErrors.add(FieldError.of("phone.key-target", k.index()));
            }
        }
        if (draft.keys().stream().map(DeviceKey::index).distinct().count()
                != draft.keys().size()) {
            keyErrors.add(FieldError.of("phone.key-twice"));
        }
        if (model.isPresent()
                && draft.keys().stream().anyMatch(k -> k.index() > model.get().allKeys())) {
            PhoneModel m = model.get();
            keyErrors.add(
                    m.allKeys() == m.keys()
                            ? FieldError.of("phone.model-keys", m.name(), m.allKeys())
                            : FieldError.of(
                                    "phone.model-keys-expansion",
                                    m.name(),
                                    m.allKeys(),
                                    m.keys(),
                                    m.expansionKeys(),
                                    m.expansion()));
        }
        // where the accounts take the first keys (family setting lineKeysFirst), a key there would take a line's key
        boolean lineKeysFirst = model.flatMap(m -> catalog.family(m.family()))
                .map(f -> "true".equals(f.settings().get("lineKeysFirst")))
                .orElse(false);
        int lineCount = draft.lines().size();
        if (lineKeysFirst && draft.keys().stream().anyMatch(k -> k.index() >= 1 && k.index() <= lineCount)) {
            keyErrors.add(
                    lineCount == 1
                            ? FieldError.of("phone.line-key-taken", model.get().name())
                            : FieldError.of("phone.line-keys-taken", model.get().name(), lineCount, lineCount + 1));
        }
        if (!keyErrors.isEmpty()) errors.put("keys", FieldError.all(keyErrors));
        if (draft.description() != null && draft.description().length() > 128) {
            errors.put("description", FieldError.of("common.at-most-characters", 128));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
    }
}
