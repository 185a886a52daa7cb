package org.tandem.provisioning.vendor;

import java.util.List;
import java.util.Map;

/**
 * A family of phones sharing one configuration format: {@code vendors/<vendor>/<family>/}. A newer
 * family names its {@code parent} and inherits its files, templates and settings, overriding only what
 * differs.
 *
 * @param id           {@code <vendor>/<family>}
 * @param chain        this family first, then its ancestors: where templates are looked up
 * @param macPrefixes  OUIs (6 hex digits) the vendor ships this family with
 * @param format       {@code keyvalue} or {@code xml}: how the generated CONFIG file is checked
 * @param settings     family settings for the templates (e.g. resync event), inherited
 * @param expansionKeys keys of one of the family's expansion modules ({@code expansion-keys}), inherited
 */
public record PhoneFamily(
        String id,
        String vendor,
        String label,
        List<String> chain,
        List<PhoneModel> models,
        List<ProvisionedFile> files,
        List<String> macPrefixes,
        String format,
        Map<String, String> settings,
        int expansionKeys) {}
